import Foundation

/// `strata.toml`: the project's settings, below flags and environment in precedence.
///
/// Strata reads the subset of TOML its settings need: `key = "string"`, numbers, booleans, `# comments` and
/// `[section]` headers (keys inside become `section.key`). TOMLKit, the usual Swift TOML library, depends on a
/// package this build cannot resolve, so this small reader stands in; it rejects what it does not understand
/// with file:line rather than guessing.
public struct ConfigurationFile: Sendable, Hashable {
    /// The TOML type of a value as written.
    public enum ValueKind: String, Sendable, Hashable, CustomStringConvertible {
        /// `"text"` or `'text'`.
        case string
        /// `5`, `2.5`.
        case number
        /// `true` or `false`.
        case boolean

        /// The word used in messages.
        public var description: String { rawValue }
    }

    /// Where a value was written and as what.
    public struct Entry: Sendable, Hashable {
        /// The value's text (a string's content, a number or boolean as written).
        public var value: String
        /// The TOML type as written.
        public var kind: ValueKind
        /// The 1-based line of the key.
        public var line: Int
    }

    /// The settings, keyed by `key` or `section.key`.
    public var values: [String: String]
    /// The settings as written, when the configuration was parsed from a file.
    public private(set) var entries: [String: Entry] = [:]
    /// The file the configuration was parsed from (as given to ``parse(_:path:)``).
    public private(set) var path: String?

    /// Creates a configuration from values.
    public init(values: [String: String] = [:]) { self.values = values }

    /// The value of `key`, if set.
    public subscript(key: String) -> String? { values[key] }

    /// `path:line` of `key`, when it was read from a file.
    public func location(of key: String) -> FileLocation? {
        guard let path, let entry = entries[key] else { return nil }
        return FileLocation(path: path, line: entry.line)
    }

    /// Parses the text of a `strata.toml` at `path` (used in messages).
    public static func parse(_ text: String, path: String) throws(StrataError) -> ConfigurationFile {
        var entries: [String: Entry] = [:]
        var section = ""
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = stripComment(String(rawLine)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let location = FileLocation(path: path, line: index + 1)
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw StrataError(.configuration, "a section header must look like [name]", location: location)
                }
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw StrataError(.configuration, "expected 'key = value'", location: location)
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let rawValue = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw StrataError(.configuration, "'\(key)' is not a valid key", location: location)
            }
            let (text, kind) = try value(rawValue, location: location)
            entries[section.isEmpty ? key : "\(section).\(key)"] = Entry(value: text, kind: kind, line: index + 1)
        }
        var file = ConfigurationFile(values: entries.mapValues(\.value))
        file.entries = entries
        file.path = path
        return file
    }

    private static func value(_ raw: String, location: FileLocation) throws(StrataError) -> (String, ValueKind) {
        if raw.hasPrefix("\"") {
            guard raw.count >= 2, raw.hasSuffix("\"") else {
                throw StrataError(.configuration, "unterminated string", location: location)
            }
            var result = ""
            var escaping = false
            for character in raw.dropFirst().dropLast() {
                if escaping {
                    switch character {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    default: result.append(character)
                    }
                    escaping = false
                } else if character == "\\" {
                    escaping = true
                } else {
                    result.append(character)
                }
            }
            return (result, .string)
        }
        if raw.hasPrefix("'") {
            guard raw.count >= 2, raw.hasSuffix("'") else {
                throw StrataError(.configuration, "unterminated string", location: location)
            }
            return (String(raw.dropFirst().dropLast()), .string)
        }
        if raw == "true" || raw == "false" { return (raw, .boolean) }
        if Double(raw) != nil { return (raw, .number) }
        throw StrataError(
            .configuration, "'\(raw)' is not a string, number or boolean", location: location,
            hint: "quote text values: key = \"value\"")
    }

    /// The line without a `#` comment that is outside a string.
    private static func stripComment(_ line: String) -> String {
        var quote: Character?
        for (offset, character) in line.enumerated() {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                return String(line.prefix(offset))
            }
        }
        return line
    }
}
