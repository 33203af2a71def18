/// `REINDEX` without `CONCURRENTLY`: while each index is rebuilt, a SHARE lock on its table blocks every write and
/// an ACCESS EXCLUSIVE lock on the index blocks every query that would use it.
package struct RequireConcurrentReindex: LintRule {
    /// Creates the rule.
    package init() {}

    /// `require-concurrent-reindex`.
    package var id: String { "require-concurrent-reindex" }
    /// An error: writes (and reads through the index) stop for the length of the rebuild.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String { "REINDEX without CONCURRENTLY blocks writes to the table while indexes are rebuilt." }
    /// The safe alternative (PostgreSQL 12 and later).
    package var help: String {
        "use REINDEX … CONCURRENTLY (PostgreSQL 12+) in a file marked `-- strata:no-transaction`"
    }

    /// The safe alternative before PostgreSQL 12, which has no `REINDEX … CONCURRENTLY`.
    private var helpBefore12: String {
        "PostgreSQL before 12 has no REINDEX CONCURRENTLY: build a replacement with CREATE INDEX CONCURRENTLY, drop "
            + "the old index with DROP INDEX CONCURRENTLY, then rename the new one"
    }

    /// Flags `REINDEX` without `CONCURRENTLY` (as a keyword or an option), except for a table or index created
    /// earlier in the section.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            guard statement.isWord("reindex", at: 0) else { return nil }
            var cursor = statement.cursor(at: 1)
            var concurrentOption = false
            if let options = cursor.readParenthesized() { concurrentOption = options.enablesOption("concurrently") }
            let targetIndex = cursor.index
            guard let target = cursor.skip(anyOf: "index", "table", "schema", "database", "system") else { return nil }
            if concurrentOption || cursor.skip("concurrently") { return nil }
            let name = cursor.readName()
            if let name {
                if target == "table", file.createsTable(name, before: statement) { return nil }
                if target == "index", file.creates(.index, named: name, before: statement) { return nil }
            }
            let what = "REINDEX \(target.uppercased())" + (name.map { " \($0)" } ?? "")
            let help: String?
            if target == "system" {
                help =
                    "REINDEX SYSTEM cannot run concurrently: run it by hand in a maintenance window, not in a migration"
            } else if file.targetPostgresVersion < 12 {
                help = helpBefore12
            } else if !file.runsInTransaction {
                help = "write REINDEX \(target.uppercased()) CONCURRENTLY; this file already runs outside a transaction"
            } else {
                help = nil
            }
            return violation(
                "\(what) without CONCURRENTLY blocks writes to the table, and queries that use the index, until the "
                    + "rebuild finishes",
                at: statement, token: targetIndex, help: help)
        }
    }
}
