/// `ALTER TABLE … DETACH PARTITION` without `CONCURRENTLY` (PostgreSQL 14 and later): it takes an ACCESS EXCLUSIVE
/// lock on the partitioned table, so every query on any partition queues behind it.
package struct RequireConcurrentPartitionDetach: LintRule {
    /// Creates the rule.
    package init() {}

    /// `require-concurrent-partition-detach`.
    package var id: String { "require-concurrent-partition-detach" }
    /// An error: the whole partitioned table is blocked.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String {
        "DETACH PARTITION without CONCURRENTLY locks the whole partitioned table (PostgreSQL 14+ can avoid it)."
    }
    /// The safe alternative.
    package var help: String {
        "write DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+) alone in a file marked `-- strata:no-transaction`; "
            + "if it is interrupted, finish it with DETACH PARTITION … FINALIZE"
    }

    /// Flags `DETACH PARTITION` without `CONCURRENTLY` or `FINALIZE` when the target is PostgreSQL 14 or later,
    /// except on a partitioned table created earlier in the section.
    package func check(_ file: LintFile) -> [LintViolation] {
        guard file.targetPostgresVersion >= 14 else { return [] }
        var violations: [LintViolation] = []
        for statement in file.statements {
            guard let alter = statement.alterTable, !file.createsTable(alter.table, before: statement) else { continue }
            for action in alter.actions {
                guard let detach = action.detachedPartition, !detach.isConcurrent, !detach.isFinalize else { continue }
                violations.append(
                    violation(
                        "detaching partition \(detach.partition) from \(alter.table) without CONCURRENTLY holds an "
                            + "ACCESS EXCLUSIVE lock on \(alter.table), blocking every query on all its partitions",
                        at: statement, token: detach.detachIndex))
            }
        }
        return violations
    }
}
