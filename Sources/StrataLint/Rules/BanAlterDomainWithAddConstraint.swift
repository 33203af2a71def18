/// `ALTER DOMAIN … ADD CONSTRAINT`: PostgreSQL checks every column of the domain's type in every table, holding a
/// SHARE lock on each table (no writes) for the length of the scans. `NOT VALID` defers the check, but
/// `ALTER DOMAIN … VALIDATE CONSTRAINT` then takes the same locks, unlike a table's `VALIDATE`.
package struct BanAlterDomainWithAddConstraint: LintRule {
    /// Creates the rule.
    package init() {}

    /// `ban-alter-domain-with-add-constraint`.
    package var id: String { "ban-alter-domain-with-add-constraint" }
    /// An error: writes stop on every table that uses the domain.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String {
        "ALTER DOMAIN … ADD CONSTRAINT scans every table using the domain while blocking writes to them."
    }
    /// The safe alternative.
    package var help: String {
        "add the constraint to each table's column instead: ADD CONSTRAINT … CHECK (…) NOT VALID, then VALIDATE "
            + "CONSTRAINT in a later migration, which lets reads and writes continue"
    }

    /// Flags `ALTER DOMAIN … ADD …`, except for a domain created earlier in the section.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            var cursor = statement.cursor()
            guard cursor.skip("alter", "domain"), let domain = cursor.readName() else { return nil }
            let addIndex = cursor.index
            guard cursor.skip("add"), !Self.createsDomain(domain, before: statement, in: file) else { return nil }
            if statement.containsTopLevel(sequence: "not", "valid") {
                return violation(
                    "constraint added NOT VALID to domain \(domain) can only be validated with ALTER DOMAIN … VALIDATE "
                        + "CONSTRAINT, which scans every table using the domain while blocking writes to them",
                    at: statement, token: addIndex)
            }
            return violation(
                "adding a constraint to domain \(domain) checks every column of that type in every table while "
                    + "holding SHARE locks that block writes to them",
                at: statement, token: addIndex)
        }
    }

    /// True when an earlier statement of `statement`'s section creates the domain `name`.
    private static func createsDomain(_ name: LintObjectName, before statement: LintStatement, in file: LintFile)
        -> Bool
    {
        file.statements(before: statement).contains { earlier in
            var cursor = earlier.cursor()
            guard cursor.skip("create", "domain"), let created = cursor.readName() else { return false }
            return created.matches(name)
        }
    }
}
