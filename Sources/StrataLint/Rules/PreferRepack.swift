/// `CLUSTER` and `VACUUM FULL`: both rewrite the whole table (and rebuild its indexes) while an ACCESS EXCLUSIVE lock
/// blocks every read and write. pg_repack does the same rewrite while holding that lock only briefly.
package struct PreferRepack: LintRule {
    /// Creates the rule.
    package init() {}

    /// `prefer-repack`.
    package var id: String { "prefer-repack" }
    /// An error: the table is unusable for the length of the rewrite.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String { "CLUSTER and VACUUM FULL rewrite the table under an ACCESS EXCLUSIVE lock." }
    /// The safe alternative.
    package var help: String {
        "reclaim space or reorder rows with pg_repack (`pg_repack --table=…`, or `--order-by` for CLUSTER) outside "
            + "the migration; it rewrites the table online and locks it only briefly at the end"
    }

    /// Flags `CLUSTER` and `VACUUM FULL` (including `VACUUM (FULL)`), except when every table named was created
    /// earlier in the section.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            switch statement.word(at: 0) {
            case "cluster":
                var cursor = statement.cursor(at: 1)
                _ = cursor.readParenthesized()
                cursor.skip("verbose")
                var tables: [LintObjectName] = []
                if let first = cursor.readName() {
                    // `CLUSTER index ON table` (old syntax) names the table second.
                    if cursor.skip("on"), let table = cursor.readName() { tables = [table] } else { tables = [first] }
                }
                if !tables.isEmpty, tables.allSatisfy({ file.createsTable($0, before: statement) }) { return nil }
                let what = tables.isEmpty ? "every previously clustered table" : tables[0].description
                return violation(
                    "CLUSTER rewrites \(what) in index order while holding an ACCESS EXCLUSIVE lock that blocks every "
                        + "read and write",
                    at: statement)
            case "vacuum":
                var cursor = statement.cursor(at: 1)
                var isFull = false
                if let options = cursor.readParenthesized() {
                    isFull = options.enablesOption("full")
                } else {
                    isFull = cursor.skip("full")
                    while cursor.skip(anyOf: "freeze", "verbose", "analyze", "analyse") != nil {}
                }
                guard isFull else { return nil }
                var tables: [LintObjectName] = []
                while let name = cursor.readName() {
                    tables.append(name)
                    _ = cursor.readParenthesized()
                    guard cursor.skip(",") else { break }
                }
                if !tables.isEmpty, tables.allSatisfy({ file.createsTable($0, before: statement) }) { return nil }
                let what =
                    tables.isEmpty ? "every table of the database" : tables.map(\.description).joined(separator: ", ")
                return violation(
                    "VACUUM FULL rewrites \(what) while holding an ACCESS EXCLUSIVE lock that blocks every read and "
                        + "write",
                    at: statement)
            default:
                return nil
            }
        }
    }
}
