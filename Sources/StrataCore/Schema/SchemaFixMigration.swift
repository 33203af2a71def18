/// `strata diff --write NAME`: the differences between the database and what the folder builds, as a migration
/// whose up section makes the folder build what the database has (the hotfix applied by hand) and whose down
/// section undoes it. Built from the `pg_dump` blocks of both sides; what cannot be written safely (a column whose
/// definition changed, an object kind without a known DROP) is refused by name, to be written by hand.
public enum SchemaFixMigration {
    /// The up and down sections.
    public struct Sections: Sendable, Equatable {
        /// Statements that take the folder's schema to the database's.
        public var up: [String]
        /// Statements that take it back.
        public var down: [String]
    }

    /// The sections for `database` and `folder` (normalised dump texts); throws naming the first difference it
    /// cannot write.
    public static func sections(database: String, folder: String) throws(StrataError) -> Sections {
        let mine = SchemaObjectDiff.objects(in: database)
        let theirs = SchemaObjectDiff.objects(in: folder)
        func key(_ object: SchemaObjectDiff.Object) -> String { object.kind + "\u{1}" + object.schema + "\u{1}" + object.name }
        let folderByKey = Dictionary(theirs.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let databaseKeys = Set(mine.map(key))
        var up: [String] = []
        var down: [String] = []
        for object in mine {
            guard let other = folderByKey[key(object)] else {
                up.append(object.sql)
                down.insert(try drop(object), at: 0)
                continue
            }
            guard other.sql != object.sql else { continue }
            switch object.kind {
            case "FUNCTION", "VIEW", "PROCEDURE":
                up.append(orReplace(object.sql))
                down.insert(orReplace(other.sql), at: 0)
            case "TABLE":
                let (forward, backward) = try columnChanges(from: other, to: object)
                up += forward
                down.insert(contentsOf: backward, at: 0)
            default:
                up += [try drop(other), object.sql]
                down.insert(contentsOf: [try drop(object), other.sql], at: 0)
            }
        }
        for object in theirs where !databaseKeys.contains(key(object)) {
            up.append(try drop(object))
            down.insert(object.sql, at: 0)
        }
        return Sections(up: up, down: down)
    }

    /// The native migration file for `sections`.
    public static func file(_ sections: Sections, reason: String) -> String {
        "-- \(reason)\n-- strata:up\n" + sections.up.map(terminated).joined(separator: "\n")
            + "\n\n-- strata:down\n" + sections.down.map(terminated).joined(separator: "\n") + "\n"
    }

    static func terminated(_ sql: String) -> String {
        let trimmed = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.hasSuffix(";") ? trimmed : trimmed + ";"
    }

    /// `CREATE FUNCTION` → `CREATE OR REPLACE FUNCTION` (same for views and procedures).
    static func orReplace(_ sql: String) -> String {
        for kind in ["FUNCTION", "VIEW", "PROCEDURE"] where sql.hasPrefix("CREATE \(kind) ") {
            return "CREATE OR REPLACE \(kind) " + sql.dropFirst("CREATE \(kind) ".count)
        }
        return sql
    }

    /// `schema.name` quoted, from a dump header's parts.
    static func qualified(_ object: SchemaObjectDiff.Object) -> String {
        (object.schema == "-" ? "" : SQLIdentifier.quoted(object.schema) + ".") + SQLIdentifier.quoted(object.name)
    }

    /// The DROP for an object of the dump; refuses kinds it does not know.
    static func drop(_ object: SchemaObjectDiff.Object) throws(StrataError) -> String {
        switch object.kind {
        case "TABLE": return "DROP TABLE \(qualified(object))"
        case "INDEX": return "DROP INDEX \(qualified(object))"
        case "VIEW": return "DROP VIEW \(qualified(object))"
        case "MATERIALIZED VIEW": return "DROP MATERIALIZED VIEW \(qualified(object))"
        case "SEQUENCE": return "DROP SEQUENCE \(qualified(object))"
        case "TYPE": return "DROP TYPE \(qualified(object))"
        case "SCHEMA": return "DROP SCHEMA \(SQLIdentifier.quoted(object.name))"
        case "EXTENSION": return "DROP EXTENSION \(SQLIdentifier.quoted(object.name))"
        case "FUNCTION", "PROCEDURE":
            // The dump names a function with its argument types: `touch()`, `add(integer, integer)`.
            guard let open = object.name.firstIndex(of: "(") else { break }
            let schema = object.schema == "-" ? "" : SQLIdentifier.quoted(object.schema) + "."
            return "DROP \(object.kind) \(schema)\(SQLIdentifier.quoted(String(object.name[..<open])))\(object.name[open...])"
        case "TRIGGER", "POLICY", "CONSTRAINT", "FK CONSTRAINT", "RULE":
            // Named `table name` in the dump.
            let parts = object.name.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { break }
            let table = (object.schema == "-" ? "" : SQLIdentifier.quoted(object.schema) + ".") + SQLIdentifier.quoted(parts[0])
            switch object.kind {
            case "TRIGGER": return "DROP TRIGGER \(SQLIdentifier.quoted(parts[1])) ON \(table)"
            case "POLICY": return "DROP POLICY \(SQLIdentifier.quoted(parts[1])) ON \(table)"
            case "RULE": return "DROP RULE \(SQLIdentifier.quoted(parts[1])) ON \(table)"
            default: return "ALTER TABLE \(table) DROP CONSTRAINT \(SQLIdentifier.quoted(parts[1]))"
            }
        default: break
        }
        throw StrataError(
            .usage, "diff --write cannot write the change of \(object.kind) \(object.schema).\(object.name)",
            hint: "write that part of the migration by hand; 'strata diff' shows the lines")
    }

    /// Columns added or dropped between two `CREATE TABLE` blocks; a column whose definition changed is refused.
    static func columnChanges(
        from before: SchemaObjectDiff.Object, to after: SchemaObjectDiff.Object
    ) throws(StrataError) -> (up: [String], down: [String]) {
        func columns(_ sql: String) -> [(name: String, definition: String)] {
            sql.split(separator: "\n").dropFirst().compactMap { raw -> (String, String)? in
                var line = raw.trimmingCharacters(in: .whitespaces)
                guard !line.hasPrefix(")"), !line.isEmpty else { return nil }
                if line.hasSuffix(",") { line.removeLast() }
                guard let space = line.firstIndex(of: " ") else { return nil }
                return (String(line[..<space]), line)
            }
        }
        let old = columns(before.sql)
        let new = columns(after.sql)
        let table = qualified(after)
        var up: [String] = []
        var down: [String] = []
        for column in new where !old.contains(where: { $0.name == column.name }) {
            up.append("ALTER TABLE \(table) ADD COLUMN \(column.definition)")
            down.insert("ALTER TABLE \(table) DROP COLUMN \(column.name)", at: 0)
        }
        for column in old where !new.contains(where: { $0.name == column.name }) {
            up.append("ALTER TABLE \(table) DROP COLUMN \(column.name)")
            down.insert("ALTER TABLE \(table) ADD COLUMN \(column.definition)", at: 0)
        }
        for column in new {
            if let previous = old.first(where: { $0.name == column.name }), previous.definition != column.definition {
                throw StrataError(
                    .usage, "diff --write cannot write the change of column \(after.schema).\(after.name).\(column.name) ('\(previous.definition)' → '\(column.definition)')",
                    hint: "write an ALTER TABLE … ALTER COLUMN by hand; 'strata diff' shows the lines")
            }
        }
        return (up, down)
    }
}
