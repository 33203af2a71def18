import Foundation

/// A sync plan, `db/syncs/NAME.toml`: the table pairs an expand/contract move keeps in step while the app writes.
///
/// ```toml
/// [[table]]
/// from = "public.clients"
/// to = "horizontal.leads"
/// key = ["id"]              # default: the primary key of `from`
/// [table.columns]           # default: same-named columns; a value is an SQL expression over the old row
/// lead_id = "client_id"
/// vertical_id = "'repair'"
/// ```
public struct SyncPlan: Sendable, Hashable {
    /// The plan's name (the file name without `.toml`).
    public var name: String
    /// The file it came from, for messages.
    public var path: String
    /// The pairs, in the order written.
    public var tables: [SyncTablePlan]

    /// Creates a plan from parts already checked.
    public init(name: String, path: String, tables: [SyncTablePlan]) {
        self.name = name
        self.path = path
        self.tables = tables
    }

    /// Reads and checks `path`: every `[[table]]` has `from` and `to` as `table` or `schema.table`, a table is moved
    /// by one pair only, `key` is an array of column names, `[table.columns]` values are strings. Errors name
    /// file:line.
    public static func load(path: String) throws(StrataError) -> SyncPlan {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw StrataError(.invalidMigration, "cannot read the sync plan \(path)", detail: "\(error)")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try parse(text, path: path, name: name)
    }

    /// Parses the text of a plan.
    public static func parse(_ text: String, path: String, name: String) throws(StrataError) -> SyncPlan {
        let document = try TOMLDocument.parse(text, path: path)
        for key in document.root.keys where key != "table" {
            throw StrataError(
                .invalidMigration, "unknown key '\(key)' in a sync plan",
                location: FileLocation(path: path, line: document.root.lines[key] ?? 1),
                hint: "a plan is a list of [[table]] entries with from, to, key and [table.columns]")
        }
        let entries = document.tables("table")
        guard !entries.isEmpty else {
            throw StrataError(
                .invalidMigration, "the sync plan has no [[table]] entry", location: FileLocation(path: path, line: 1))
        }
        var tables: [SyncTablePlan] = []
        var seen: [String: Int] = [:]
        for entry in entries {
            let table = try SyncTablePlan(entry, path: path)
            for name in [table.from.description, table.to.description] {
                if let first = seen[name] {
                    throw StrataError(
                        .invalidMigration, "\(name) is in two pairs of the plan (first on line \(first))",
                        location: FileLocation(path: path, line: entry.line),
                        hint: "each table is moved by one pair; a table cannot be both a source and a target")
                }
                seen[name] = entry.line
            }
            tables.append(table)
        }
        return SyncPlan(name: name, path: path, tables: tables)
    }
}

/// One pair of a sync plan: rows of `from` are kept in `to`, mapped column by column.
public struct SyncTablePlan: Sendable, Hashable {
    /// The old table.
    public var from: QualifiedTableName
    /// The new table (created by an ordinary migration before the sync starts).
    public var to: QualifiedTableName
    /// The key columns of `from` when written; `nil` takes its primary key.
    public var key: [String]?
    /// Target column → SQL expression over the old row, as written (the rest: same-named columns).
    public var columns: [SyncColumnMapping]
    /// The line of the `[[table]]` header.
    public var line: Int

    /// Creates a pair from parts already checked.
    public init(from: QualifiedTableName, to: QualifiedTableName, key: [String]?, columns: [SyncColumnMapping], line: Int) {
        self.from = from
        self.to = to
        self.key = key
        self.columns = columns
        self.line = line
    }

    init(_ entry: TOMLDocument.Table, path: String) throws(StrataError) {
        func location(_ key: String) -> FileLocation { FileLocation(path: path, line: entry.lines[key] ?? entry.line) }
        for key in entry.keys where !["from", "to", "key", "columns"].contains(key) {
            throw StrataError(
                .invalidMigration, "unknown key '\(key)' in [[table]]", location: location(key),
                hint: "known keys: from, to, key, [table.columns]")
        }
        guard let fromText = entry["from"]?.string else {
            throw StrataError(.invalidMigration, "[[table]] needs from = \"schema.table\"", location: location("from"))
        }
        guard let toText = entry["to"]?.string else {
            throw StrataError(.invalidMigration, "[[table]] needs to = \"schema.table\"", location: location("to"))
        }
        from = try QualifiedTableName(parsing: fromText, location: location("from"))
        to = try QualifiedTableName(parsing: toText, location: location("to"))
        if let value = entry["key"] {
            guard let names = value.array?.compactMap(\.string), names.count == value.array?.count, !names.isEmpty else {
                throw StrataError(
                    .invalidMigration, "key must be an array of column names, like key = [\"id\"]", location: location("key"))
            }
            key = names
        } else {
            key = nil
        }
        var columns: [SyncColumnMapping] = []
        if let value = entry["columns"] {
            guard let table = value.table else {
                throw StrataError(.invalidMigration, "columns must be a [table.columns] table", location: location("columns"))
            }
            for column in table.keys {
                guard let expression = table[column]?.string,
                    !expression.trimmingCharacters(in: .whitespaces).isEmpty
                else {
                    throw StrataError(
                        .invalidMigration, "the mapping of column '\(column)' must be a non-empty string (an SQL expression)",
                        location: FileLocation(path: path, line: table.lines[column] ?? entry.line),
                        hint: "a constant is quoted twice: vertical_id = \"'repair'\"")
                }
                columns.append(SyncColumnMapping(target: column, expression: expression, line: table.lines[column] ?? entry.line))
            }
        }
        self.columns = columns
        line = entry.line
    }
}

/// A target column and the SQL expression over the old row that fills it.
public struct SyncColumnMapping: Sendable, Hashable {
    /// The column of the new table.
    public var target: String
    /// An SQL expression over the old row's columns (`client_id`, `'repair'`, `lower(email)`).
    public var expression: String
    /// Where it was written.
    public var line: Int

    /// Creates a mapping.
    public init(target: String, expression: String, line: Int) {
        self.target = target
        self.expression = expression
        self.line = line
    }

    /// The old column this mapping copies as it is, when the expression is just a column name (`client_id` or
    /// `"Client Id"`); `nil` for any other expression. Such columns can be written back after cut-over.
    public var sourceColumn: String? {
        let trimmed = expression.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") {
            let inner = String(trimmed.dropFirst().dropLast())
            return inner.contains("\"") && !inner.contains("\"\"") ? nil : inner.replacingOccurrences(of: "\"\"", with: "\"")
        }
        guard let first = trimmed.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic),
            trimmed.unicodeScalars.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) })
        else { return nil }
        return trimmed.lowercased()
    }
}

/// `schema.table` with both parts known (a bare `table` is in `public`).
public struct QualifiedTableName: Sendable, Hashable, CustomStringConvertible {
    /// The schema.
    public var schema: String
    /// The table.
    public var table: String

    /// Creates a name from its parts, as the catalog spells them.
    public init(schema: String, table: String) {
        self.schema = schema
        self.table = table
    }

    /// Parses `table`, `schema.table` or `"Odd Schema"."Odd Table"`: unquoted parts are folded to lower case, as
    /// PostgreSQL does.
    public init(parsing text: String, location: FileLocation) throws(StrataError) {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var wasQuoted = false
        var characters = Array(text.trimmingCharacters(in: .whitespaces))
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if quoted {
                if character == "\"" {
                    if index + 1 < characters.count, characters[index + 1] == "\"" {
                        current.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
                wasQuoted = true
            } else if character == "." {
                parts.append(wasQuoted ? current : current.lowercased())
                current = ""
                wasQuoted = false
            } else {
                current.append(character)
            }
            index += 1
        }
        characters = []
        parts.append(wasQuoted ? current : current.lowercased())
        let valid = !quoted && (1...2).contains(parts.count) && parts.allSatisfy { part in
            !part.isEmpty && part.utf8.count <= 63
        }
        guard valid else {
            throw StrataError(.invalidMigration, "'\(text)' is not a table name (table or schema.table)", location: location)
        }
        schema = parts.count == 2 ? parts[0] : "public"
        table = parts[parts.count - 1]
    }

    /// `"schema"."table"`, safe to put in SQL.
    public var quoted: String { SQLIdentifier.quoted(schema) + "." + SQLIdentifier.quoted(table) }

    /// `schema.table` for messages.
    public var description: String { schema + "." + table }
}
