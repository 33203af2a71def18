import Foundation

/// A TOML document as a tree, for files with repeated tables: `fleet.toml` (`[[target]]`), sync plans (`[[table]]`
/// with `[table.columns]`). It reads the subset those files need: `[table]`, `[[array.of.tables]]`, `[a.b]` below the
/// current array element, `key = value` with strings (basic and literal), numbers, booleans and one-line arrays of
/// them, and `#` comments. What it does not understand is refused with file:line (TOMLKit cannot resolve here; see
/// ``ConfigurationFile``).
public struct TOMLDocument: Sendable, Hashable {
    /// A value of the document.
    public indirect enum Value: Sendable, Hashable {
        /// `"text"` or `'text'`.
        case string(String)
        /// `5`, `2.5` (as written).
        case number(String)
        /// `true`, `false`.
        case boolean(Bool)
        /// `[1, "a"]`.
        case array([Value])
        /// A table: keys and their values with the line each key was written on.
        case table(Table)

        /// The text of a string, else `nil`.
        public var string: String? { if case .string(let text) = self { return text } else { return nil } }
        /// The elements of an array, else `nil`.
        public var array: [Value]? { if case .array(let values) = self { return values } else { return nil } }
        /// The table, else `nil`.
        public var table: Table? { if case .table(let table) = self { return table } else { return nil } }
    }

    /// A table: its keys in the order written, with their values and lines.
    public struct Table: Sendable, Hashable {
        /// Keys in the order they were written.
        public var keys: [String] = []
        /// The values by key.
        public var values: [String: Value] = [:]
        /// The 1-based line each key was written on (or its table header).
        public var lines: [String: Int] = [:]
        /// The line of the table's header (0 for the root).
        public var line: Int = 0

        /// Creates an empty table.
        public init(line: Int = 0) { self.line = line }

        /// The value of `key`.
        public subscript(key: String) -> Value? { values[key] }

        mutating func set(_ key: String, _ value: Value, line: Int) {
            if values[key] == nil { keys.append(key) }
            values[key] = value
            lines[key] = line
        }
    }

    /// The root table.
    public var root: Table
    /// The file it was read from, for messages.
    public var path: String

    /// The tables of the array `name` (`[[name]]`), in order; empty when there is none.
    public func tables(_ name: String) -> [Table] {
        root[name]?.array?.compactMap(\.table) ?? []
    }

    /// Parses `text` read from `path`.
    public static func parse(_ text: String, path: String) throws(StrataError) -> TOMLDocument {
        var root = Table()
        // The path of the table that `key = value` lines go to, as keys from the root; an array element is
        // addressed by its index.
        var current: [PathStep] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let location = FileLocation(path: path, line: lineNumber)
            let line = TOMLScanner.stripComment(String(rawLine)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("[[") {
                guard line.hasSuffix("]]"), line.count > 4 else {
                    throw StrataError(.configuration, "an array-of-tables header must look like [[name]]", location: location)
                }
                let keys = try TOMLScanner.dottedKey(String(line.dropFirst(2).dropLast(2)), location: location)
                current = try appendArrayElement(&root, keys: keys, line: lineNumber, location: location)
            } else if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw StrataError(.configuration, "a table header must look like [name]", location: location)
                }
                let keys = try TOMLScanner.dottedKey(String(line.dropFirst().dropLast()), location: location)
                current = try openTable(&root, keys: keys, line: lineNumber, location: location)
            } else {
                guard let equals = line.firstIndex(of: "=") else {
                    throw StrataError(.configuration, "expected 'key = value'", location: location)
                }
                let key = line[..<equals].trimmingCharacters(in: .whitespaces)
                guard TOMLScanner.isBareKey(key) else {
                    throw StrataError(.configuration, "'\(key)' is not a valid key", location: location)
                }
                let value = try TOMLScanner.value(
                    line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces), location: location)
                try modify(&root, at: current, location: location) { (table: inout Table) throws(StrataError) in
                    guard table[key] == nil else {
                        throw StrataError(.configuration, "'\(key)' is set twice in the same table", location: location)
                    }
                    table.set(key, value, line: lineNumber)
                }
            }
        }
        return TOMLDocument(root: root, path: path)
    }

    /// One step from a table to a child: a key, or a key and the last element of the array it names.
    enum PathStep: Hashable {
        case key(String)
        case lastElement(String)
    }

    private static func appendArrayElement(
        _ root: inout Table, keys: [String], line: Int, location: FileLocation
    ) throws(StrataError) -> [PathStep] {
        let parent = try resolveParent(root, keys: keys.dropLast(), location: location)
        guard let name = keys.last else { return parent }
        try modify(&root, at: parent, location: location) { (table: inout Table) throws(StrataError) in
            switch table[name] {
            case nil:
                table.set(name, .array([.table(Table(line: line))]), line: line)
            case .array(var elements)?:
                elements.append(.table(Table(line: line)))
                table.values[name] = .array(elements)
            default:
                throw StrataError(.configuration, "'\(name)' is already a value, not an array of tables", location: location)
            }
        }
        return parent + [.lastElement(name)]
    }

    private static func openTable(
        _ root: inout Table, keys: [String], line: Int, location: FileLocation
    ) throws(StrataError) -> [PathStep] {
        let parent = try resolveParent(root, keys: keys.dropLast(), location: location)
        guard let name = keys.last else { return parent }
        try modify(&root, at: parent, location: location) { (table: inout Table) throws(StrataError) in
            switch table[name] {
            case nil: table.set(name, .table(Table(line: line)), line: line)
            case .table?: break
            default: throw StrataError(.configuration, "'\(name)' is already a value, not a table", location: location)
            }
        }
        return parent + [.key(name)]
    }

    /// The steps to the table named by `keys`, where a key naming an array of tables means its last element.
    private static func resolveParent(
        _ root: Table, keys: ArraySlice<String>, location: FileLocation
    ) throws(StrataError) -> [PathStep] {
        var steps: [PathStep] = []
        var table = root
        for key in keys {
            switch table[key] {
            case .table(let child)?:
                steps.append(.key(key))
                table = child
            case .array(let elements)?:
                guard case .table(let last)? = elements.last else {
                    throw StrataError(.configuration, "'\(key)' is not a table", location: location)
                }
                steps.append(.lastElement(key))
                table = last
            case nil:
                steps.append(.key(key))
                table = Table()
            default:
                throw StrataError(.configuration, "'\(key)' is not a table", location: location)
            }
        }
        return steps
    }

    /// Applies `change` to the table at `steps`, creating plain tables on the way.
    private static func modify(
        _ table: inout Table, at steps: [PathStep], location: FileLocation,
        _ change: (inout Table) throws(StrataError) -> Void
    ) throws(StrataError) {
        guard let first = steps.first else {
            try change(&table)
            return
        }
        let rest = Array(steps.dropFirst())
        switch first {
        case .key(let key):
            var child = table[key]?.table ?? Table(line: location.line)
            try modify(&child, at: rest, location: location, change)
            if table[key] == nil { table.set(key, .table(child), line: location.line) } else { table.values[key] = .table(child) }
        case .lastElement(let key):
            guard var elements = table[key]?.array, case .table(var last)? = elements.last else {
                throw StrataError(.configuration, "'\(key)' is not an array of tables", location: location)
            }
            try modify(&last, at: rest, location: location, change)
            elements[elements.count - 1] = .table(last)
            table.values[key] = .array(elements)
        }
    }
}
