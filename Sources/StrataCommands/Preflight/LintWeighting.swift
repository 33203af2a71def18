import StrataCore
import StrataLint

/// `strata lint` with a database: findings about a statement that locks a table while it scans, rewrites or
/// indexes it gain weight from the table's size. On a table of `largeTableBytes` or more they become errors; on a
/// table created earlier in the linted folder (nobody uses it yet) they become notes; otherwise they keep their
/// severity. Every weighed finding states the size it was judged by.
enum LintWeighting {
    /// The size from which a finding about a long lock is an error: 100 MB (table + indexes).
    static let largeTableBytes: Int64 = 100 * 1024 * 1024

    /// The rules whose risk is the time a lock is held, which the table's size decides.
    static let sizeSensitiveRules: Set<String> = [
        "require-concurrent-index-creation", "changing-column-type", "adding-not-nullable-field",
        "adding-foreign-key-constraint", "constraint-missing-not-valid", "adding-field-with-default",
        "disallowed-unique-constraint", "adding-serial-primary-key-field", "adding-stored-generated-column",
        "adding-exclusion-constraint", "require-concurrent-reindex", "prefer-repack", "adding-required-field",
    ]

    /// `report` with the findings of `sizeSensitiveRules` weighed by the tables of their statement; `paths[i]` is
    /// the file of `planned[i]`.
    static func weigh(
        _ report: LintReport, paths: [String], planned: [PlannedMigration], facts: [TableFacts]
    ) -> LintReport {
        var weighed = report
        weighed.findings = report.findings.map { finding in
            guard sizeSensitiveRules.contains(finding.ruleID), finding.section != .down,
                let index = paths.firstIndex(of: finding.path), index < planned.count,
                let statement = planned[index].statements.last(where: { $0.line <= finding.line }),
                !statement.touches.isEmpty
            else { return finding }
            var finding = finding
            let touches = statement.touches.filter { $0.work != .none || $0.lock.blocksWrites }
            guard !touches.isEmpty else { return finding }
            func exists(_ touch: TableTouch) -> Bool { facts.contains { touch.table.matches($0.table) } }
            // A table an earlier linted file creates is new only if the database does not have it yet (linting
            // paths may include files already applied).
            if touches.allSatisfy({ $0.isNew && !exists($0) }) {
                finding.severity = .note
                finding.message += " (note: \(touches.map { $0.table.description }.joined(separator: ", ")) is created "
                    + "earlier in this folder, so nobody uses it yet)"
                return finding
            }
            let sized = touches.compactMap { touch in facts.first { touch.table.matches($0.table) } }
            guard let largest = sized.max(by: { $0.totalBytes < $1.totalBytes }) else { return finding }
            if largest.totalBytes >= largeTableBytes { finding.severity = .error }
            finding.message += " (table \(largest.table): \(largest.sizeText))"
            return finding
        }
        return weighed
    }
}
