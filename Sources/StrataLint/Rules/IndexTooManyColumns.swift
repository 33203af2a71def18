/// A non-unique index over more than three columns: it rarely speeds up more queries than its first columns alone
/// would, while every write pays to maintain it and every build takes longer.
package struct IndexTooManyColumns: LintRule {
    /// The most key columns a non-unique index may have before it is flagged.
    static let maximumColumns = 3

    /// Creates the rule.
    package init() {}

    /// `index-too-many-columns`.
    package var id: String { "index-too-many-columns" }
    /// A warning: a design preference.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String { "A non-unique index over more than three columns rarely pays for its upkeep." }
    /// The safe alternative.
    package var help: String {
        "index the (at most three) columns queries filter and sort on; put columns only needed in results in "
            + "INCLUDE (…), which PostgreSQL 11+ stores without making them keys"
    }

    /// Flags `CREATE INDEX` (not `UNIQUE`) whose key list has more than three columns or expressions; `INCLUDE`
    /// columns do not count.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            guard let index = statement.createIndex, !index.isUnique, let keys = index.keys else { return nil }
            let count = keys.splitTopLevel().filter { !$0.isEmpty }.count
            guard count > Self.maximumColumns else { return nil }
            let name = index.name.map { "index \($0)" } ?? "the index"
            return violation(
                "\(name) on \(index.table) has \(count) key columns: a non-unique index over more than "
                    + "\(Self.maximumColumns) columns is rarely used beyond its first ones, and every write to the "
                    + "table maintains all of it",
                at: statement, token: index.indexKeywordIndex)
        }
    }
}
