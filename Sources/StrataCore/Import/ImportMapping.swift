/// How record keys become column names: an explicit `--map key=column` first, then the key itself when it is a
/// column, then its snake_case form (`userId` → `user_id`, `HTTPCode` → `http_code`). A key that matches no
/// column makes its record bad (naming the key), unless an `extra` jsonb column keeps such keys.
public struct ImportMapping: Sendable {
    /// The table's columns.
    public let columns: [String]
    /// Explicit renames, key → column.
    public let renames: [String: String]
    /// The jsonb column that keeps unknown keys, if any.
    public let extraColumn: String?

    /// Creates a mapping; refuses a rename or extra column that names no column.
    public init(columns: [String], renames: [String: String], extraColumn: String?) throws(StrataError) {
        for (key, column) in renames where !columns.contains(column) {
            throw StrataError(.usage, "--map \(key)=\(column): the table has no column \(column)")
        }
        if let extraColumn, !columns.contains(extraColumn) {
            throw StrataError(.usage, "--extra-column \(extraColumn): the table has no such column")
        }
        self.columns = columns
        self.renames = renames
        self.extraColumn = extraColumn
    }

    /// `userId` → `user_id`, `createdAt` → `created_at`, `HTTPCode` → `http_code`, `already_snake` unchanged.
    public static func snakeCase(_ key: String) -> String {
        let characters = Array(key)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase {
                let previous = index > 0 ? characters[index - 1] : nil
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if let previous, previous != "_", previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) {
                    result += "_"
                }
                result += character.lowercased()
            } else if character == "-" || character == " " {
                result += "_"
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The column a key goes to, or `nil` when none.
    public func column(for key: String) -> String? {
        if let renamed = renames[key] { return renamed }
        if columns.contains(key) { return key }
        let snake = Self.snakeCase(key)
        return columns.contains(snake) ? snake : nil
    }

    /// A record as column → text (the extra column holding the unknown keys as a JSON object); throws a reject
    /// naming the first unknown key when there is no extra column.
    public func row(_ record: ImportRecord) throws(ImportRejection) -> [String: String?] {
        var cache: [String: String?] = [:]
        return try row(record, cache: &cache)
    }

    /// ``row(_:)`` with the key → column answers kept in `cache` across records (an import maps the same keys
    /// millions of times).
    public func row(_ record: ImportRecord, cache: inout [String: String?]) throws(ImportRejection) -> [String: String?] {
        var row: [String: String?] = [:]
        row.reserveCapacity(record.fields.count)
        var extra: [(String, JSONValue)] = []
        for field in record.fields {
            let mapped: String?
            if let known = cache[field.key] {
                mapped = known
            } else {
                mapped = column(for: field.key)
                cache[field.key] = .some(mapped)
            }
            if let column = mapped, column != extraColumn {
                row[column] = field.value
            } else if extraColumn != nil {
                extra.append((field.key, field.value.map(JSONValue.string) ?? .null))
            } else {
                throw ImportRejection(reason: "unknown key '\(field.key)': the table has no column \(Self.snakeCase(field.key))")
            }
        }
        if let extraColumn, !extra.isEmpty { row[extraColumn] = JSONValue.object(extra).json }
        return row
    }
}

/// Why a record cannot be loaded (thrown by ``ImportMapping/row(_:)``).
public struct ImportRejection: Error, Sendable {
    /// The reason, naming the key.
    public var reason: String
}
