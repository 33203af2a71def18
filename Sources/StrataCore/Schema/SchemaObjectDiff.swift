import Foundation

/// An object-by-object comparison of two normalised `pg_dump --schema-only` texts (see ``SchemaDumpText``):
/// pg_dump heads every object with `-- Name: …; Type: …; Schema: …; Owner: …`, so tables (with their columns),
/// constraints, indexes, views, functions, triggers, policies, sequences, types and extensions each become one
/// object whose SQL is compared (comment and blank lines ignored).
public enum SchemaObjectDiff {
    /// One object of a dump.
    public struct Object: Sendable, Equatable {
        /// pg_dump's type: `TABLE`, `INDEX`, `FUNCTION`, `POLICY`, `FK CONSTRAINT`, …
        public var kind: String
        /// Its schema (`-` for objects outside schemas, such as extensions' own entries).
        public var schema: String
        /// pg_dump's name: `people`, `people people_pkey` (table then constraint), `touch()`.
        public var name: String
        /// Its SQL without comment and blank lines.
        public var sql: String
    }

    /// How an object differs.
    public enum Change: String, Sendable, Equatable {
        /// In the database, not in the folder: made by hand, or a migration is missing from the folder.
        case onlyInDatabase = "only in the database"
        /// In the folder, not in the database: dropped by hand, or a migration is not applied.
        case onlyInFolder = "only in the migrations"
        /// In both, with different SQL.
        case changed
    }

    /// One difference.
    public struct Difference: Sendable, Equatable {
        /// The object's type.
        public var kind: String
        /// Its schema.
        public var schema: String
        /// Its name.
        public var name: String
        /// How it differs.
        public var change: Change
        /// For `changed`: the lines only the database has (`+`) and only the folder has (`-`).
        public var lines: SchemaTextDifference?

        /// `TABLE public.people`.
        public var title: String { "\(kind) \(schema == "-" ? "" : schema + ".")\(name)" }
    }

    /// The objects of a dump text, in their order.
    public static func objects(in text: String) -> [Object] {
        var objects: [Object] = []
        var current: (kind: String, schema: String, name: String)?
        var body: [Substring] = []
        func finish() {
            guard let current else { return }
            var key = current.name
            var serial = 2
            while objects.contains(where: { $0.kind == current.kind && $0.schema == current.schema && $0.name == key }) {
                key = current.name + " #\(serial)"
                serial += 1
            }
            objects.append(Object(kind: current.kind, schema: current.schema, name: key, sql: body.joined(separator: "\n")))
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- Name: ") {
                finish()
                current = header(line)
                body = []
            } else if !line.hasPrefix("--"), !line.trimmingCharacters(in: .whitespaces).isEmpty, current != nil {
                body.append(line)
            }
        }
        finish()
        return objects
    }

    /// The differences from `folder` (the shadow database the migrations built) to `database`, ordered by kind,
    /// schema and name.
    public static func compare(database: String, folder: String) -> [Difference] {
        let mine = objects(in: database)
        let theirs = objects(in: folder)
        func key(_ object: Object) -> String { object.kind + "\u{1}" + object.schema + "\u{1}" + object.name }
        var folderByKey: [String: Object] = [:]
        for object in theirs { folderByKey[key(object)] = object }
        var databaseKeys: Set<String> = []
        var differences: [Difference] = []
        for object in mine {
            databaseKeys.insert(key(object))
            guard let other = folderByKey[key(object)] else {
                differences.append(Difference(kind: object.kind, schema: object.schema, name: object.name, change: .onlyInDatabase))
                continue
            }
            if other.sql != object.sql {
                differences.append(Difference(
                    kind: object.kind, schema: object.schema, name: object.name, change: .changed,
                    lines: SchemaTextDifference(before: other.sql, after: object.sql)))
            }
        }
        for object in theirs where !databaseKeys.contains(key(object)) {
            differences.append(Difference(kind: object.kind, schema: object.schema, name: object.name, change: .onlyInFolder))
        }
        return differences.sorted { ($0.kind, $0.schema, $0.name) < ($1.kind, $1.schema, $1.name) }
    }

    /// `-- Name: people people_pkey; Type: CONSTRAINT; Schema: public; Owner: -` → (CONSTRAINT, public, people people_pkey).
    static func header(_ line: Substring) -> (kind: String, schema: String, name: String) {
        var fields: [String: String] = [:]
        for part in line.dropFirst(3).components(separatedBy: "; ") {
            guard let colon = part.range(of: ": ") else { continue }
            fields[String(part[..<colon.lowerBound])] = String(part[colon.upperBound...])
        }
        return (fields["Type"] ?? "?", fields["Schema"] ?? "-", fields["Name"] ?? "?")
    }
}
