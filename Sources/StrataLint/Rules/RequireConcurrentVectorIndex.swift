/// `CREATE INDEX … USING hnsw | ivfflat` (pgvector) without `CONCURRENTLY` on a table that already exists: vector
/// index builds are among the slowest PostgreSQL does, and the SHARE lock blocks every write until the build ends.
///
/// Kept apart from `require-concurrent-index-creation` so that it stays an error where that rule is switched off.
package struct RequireConcurrentVectorIndex: LintRule {
    /// The access methods of pgvector's approximate-nearest-neighbour indexes.
    static let vectorMethods: Set<String> = ["hnsw", "ivfflat"]

    /// Creates the rule.
    package init() {}

    /// `require-concurrent-vector-index`.
    package var id: String { "require-concurrent-vector-index" }
    /// An error: writes stop for minutes to hours.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String {
        "A pgvector index (hnsw, ivfflat) built without CONCURRENTLY blocks writes for the whole, long build."
    }
    /// The safe alternative.
    package var help: String {
        "use CREATE INDEX CONCURRENTLY in a file marked `-- strata:no-transaction`; pgvector builds take minutes to "
            + "hours on large tables, much faster when the graph fits in memory, so raise maintenance_work_mem for the "
            + "session (SET maintenance_work_mem = '2GB') and max_parallel_maintenance_workers"
    }

    private var helpOutsideTransaction: String {
        "write CREATE INDEX CONCURRENTLY (this file already runs outside a transaction); pgvector builds take minutes "
            + "to hours on large tables, much faster when the graph fits in memory, so raise maintenance_work_mem for "
            + "the session (SET maintenance_work_mem = '2GB') and max_parallel_maintenance_workers"
    }

    /// Flags vector indexes built without `CONCURRENTLY`, except on a table created earlier in the section and
    /// `ON ONLY` a partitioned parent.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            guard let index = statement.createIndex, let method = index.method, Self.vectorMethods.contains(method),
                !index.isConcurrent, !index.isOnly, !file.createsTable(index.table, before: statement)
            else { return nil }
            return violation(
                "building the \(method) vector index on \(index.table) without CONCURRENTLY holds a SHARE lock that "
                    + "blocks every write to the table for the whole build, which for pgvector takes minutes to hours "
                    + "on a large table",
                at: statement, token: index.indexKeywordIndex,
                help: file.runsInTransaction ? nil : helpOutsideTransaction)
        }
    }
}
