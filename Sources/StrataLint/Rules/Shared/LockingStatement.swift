/// A statement that must take a lock conflicting with the application's queries on an object that already exists,
/// as the timeout rules see it.
struct LockingStatement: Sendable, Hashable {
    /// What the statement does, as written in messages (`ALTER TABLE "users"`).
    var description: String
    /// The statement works `CONCURRENTLY` (long by design; a statement timeout would cut it off).
    var isConcurrent: Bool

    /// Object kinds whose `ALTER` or `DROP` locks something the application uses.
    private static let lockedKinds: Set<String> = [
        "table", "index", "view", "materialized", "sequence", "trigger", "policy", "rule", "type", "domain",
    ]

    /// The kinds of `DROP` that are harmless on an object created earlier in the same section.
    private static let createdKinds: [String: LintCreatedObject.Kind] = [
        "table": .table, "index": .index, "view": .view, "materialized": .materializedView, "sequence": .sequence,
        "type": .type,
    ]

    /// The lock `statement` takes on an existing object, or nil when it takes none worth a timeout (or the object
    /// was created earlier in the same section).
    init?(_ statement: LintStatement, in file: LintFile) {
        guard let first = statement.word(at: 0) else { return nil }
        switch first {
        case "alter":
            guard let kind = statement.word(at: 1), Self.lockedKinds.contains(kind) else { return nil }
            if let alter = statement.alterTable {
                if file.createsTable(alter.table, before: statement) { return nil }
                self.init(description: "ALTER TABLE \(alter.table)", isConcurrent: false)
            } else {
                self.init(description: "ALTER \(kind.uppercased())", isConcurrent: false)
            }
        case "create":
            if let index = statement.createIndex {
                if file.createsTable(index.table, before: statement) { return nil }
                self.init(description: "CREATE INDEX on \(index.table)", isConcurrent: index.isConcurrent)
            } else if statement.starts(with: "create", "trigger") || statement.starts(with: "create", "constraint")
                || statement.starts(with: "create", "policy") || statement.starts(with: "create", "rule")
                || statement.starts(with: "create", "or", "replace", "trigger")
                || statement.starts(with: "create", "or", "replace", "rule")
            {
                self.init(description: "CREATE \((statement.word(at: 1) ?? "").uppercased())", isConcurrent: false)
            } else {
                return nil
            }
        case "drop":
            guard let kind = statement.word(at: 1), Self.lockedKinds.contains(kind) else { return nil }
            var cursor = statement.cursor(at: 2)
            if kind == "materialized" { cursor.skip("view") }
            let isConcurrent = cursor.skip("concurrently")
            cursor.skip("if", "exists")
            var names: [LintObjectName] = []
            while let name = cursor.readName() {
                names.append(name)
                guard cursor.skip(",") else { break }
            }
            if let createdKind = Self.createdKinds[kind], !names.isEmpty,
                names.allSatisfy({ file.creates(createdKind, named: $0, before: statement) })
            {
                return nil
            }
            let what = kind == "materialized" ? "MATERIALIZED VIEW" : kind.uppercased()
            self.init(description: "DROP \(what)", isConcurrent: isConcurrent)
        case "truncate", "reindex", "cluster", "lock":
            self.init(description: first.uppercased(), isConcurrent: statement.contains(word: "concurrently"))
        case "refresh":
            self.init(description: "REFRESH MATERIALIZED VIEW", isConcurrent: statement.contains(word: "concurrently"))
        case "vacuum":
            guard statement.contains(word: "full") else { return nil }
            self.init(description: "VACUUM FULL", isConcurrent: false)
        default:
            return nil
        }
    }

    private init(description: String, isConcurrent: Bool) {
        self.description = description
        self.isConcurrent = isConcurrent
    }
}
