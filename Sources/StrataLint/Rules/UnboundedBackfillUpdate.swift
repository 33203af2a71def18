/// `UPDATE` or `DELETE` without `WHERE` in a migration that also changes the schema: the statement locks every row
/// of the table in one transaction, and run with the DDL it keeps the DDL's ACCESS EXCLUSIVE lock for as long as it
/// takes to touch every row.
package struct UnboundedBackfillUpdate: LintRule {
    /// Creates the rule.
    package init() {}

    /// `unbounded-backfill-update`.
    package var id: String { "unbounded-backfill-update" }
    /// An error: writes to the whole table stop for the length of the backfill.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String {
        "An UPDATE or DELETE without WHERE in a schema-changing migration locks the whole table for its duration."
    }
    /// The safe alternative.
    package var help: String {
        "keep the schema change in its own migration, then update (or delete) in batches of a few thousand rows "
            + "(… WHERE id IN (SELECT id … LIMIT 5000)), each committed on its own, from a file marked "
            + "`-- strata:no-transaction` or a background job"
    }

    /// Statement keywords that change the schema.
    private static let schemaChanges: Set<String> = ["create", "alter", "drop"]

    /// Flags `UPDATE` and `DELETE` (also as the main statement after `WITH`) without a top-level `WHERE`, on a
    /// table not created earlier in the section, when the section has a `CREATE`, `ALTER` or `DROP` statement.
    package func check(_ file: LintFile) -> [LintViolation] {
        var violations: [LintViolation] = []
        for section in LintSection.allCases {
            let statements = file.statements(in: section)
            guard statements.contains(where: { $0.word(at: 0).map(Self.schemaChanges.contains) ?? false }) else {
                continue
            }
            for statement in statements {
                guard let (verb, verbIndex, table) = Self.unboundedWrite(in: statement),
                    !file.createsTable(table, before: statement)
                else { continue }
                let lock =
                    file.runsInTransaction(statement)
                    ? "; it runs in the same transaction as the schema change, so that change's lock is held until it "
                        + "finishes"
                    : ""
                violations.append(
                    violation(
                        "\(verb) of every row of \(table) in a migration that changes the schema: it locks all rows "
                            + "of the table in one statement\(lock)",
                        at: statement, token: verbIndex))
            }
        }
        return violations
    }

    /// The verb (`UPDATE`/`DELETE`), its token index and the table, when `statement` updates or deletes without a
    /// top-level `WHERE`.
    private static func unboundedWrite(in statement: LintStatement) -> (String, Int, LintObjectName)? {
        var verbIndex = statement.startIndex
        if statement.isWord("with", at: verbIndex) {
            // The main statement follows the last CTE: the first top-level UPDATE/DELETE/INSERT/SELECT.
            var index = verbIndex + 1
            var found: Int?
            while index < statement.endIndex {
                if let closing = statement.closingIndex(forOpeningAt: index) {
                    index = closing + 1
                    continue
                }
                if let word = statement.word(at: index), ["update", "delete", "insert", "select"].contains(word) {
                    found = index
                    break
                }
                index += 1
            }
            guard let found else { return nil }
            verbIndex = found
        }
        var cursor = statement.cursor(at: verbIndex)
        let verb: String
        if cursor.skip("update") {
            verb = "UPDATE"
        } else if cursor.skip("delete", "from") {
            verb = "DELETE"
        } else {
            return nil
        }
        cursor.skip("only")
        guard let table = cursor.readName(),
            statement.firstIndex(of: ["where"], from: cursor.index, topLevelOnly: true) == nil
        else { return nil }
        return (verb, verbIndex, table)
    }
}
