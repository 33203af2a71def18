/// `CREATE DOMAIN … CHECK (…)` or `… NOT NULL`: a constraint on a domain applies to every column of that type in
/// every table, and changing it later scans all of them under locks that block writes; table and column
/// constraints can be changed online instead.
package struct BanCreateDomainWithConstraint: LintRule {
    /// Creates the rule.
    package init() {}

    /// `ban-create-domain-with-constraint`.
    package var id: String { "ban-create-domain-with-constraint" }
    /// A warning: a design choice that makes later migrations hard, not a lock now.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String {
        "A domain with a constraint cannot be changed later without locking every table that uses it."
    }
    /// The safe alternative.
    package var help: String {
        "create the domain without CHECK / NOT NULL and put the constraint on each table's column instead "
            + "(ADD CONSTRAINT … NOT VALID, then VALIDATE, can change it online later)"
    }

    /// Flags `CREATE DOMAIN` with a `CHECK` or `NOT NULL` constraint.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            guard statement.starts(with: "create", "domain"),
                let constraint = Self.firstConstraint(in: statement)
            else { return nil }
            let name = statement.identifier(at: 2).map { " \"\($0)\"" } ?? ""
            let kind = statement.isWord("check", at: constraint) ? "CHECK" : "NOT NULL"
            return violation(
                "domain\(name) has a \(kind) constraint: changing or adding domain constraints later checks every "
                    + "column of this type in every table while blocking writes to them",
                at: statement, token: constraint)
        }
    }

    /// The index of the first top-level `CHECK (` or `NOT NULL` (not `IS NOT NULL`) of a `CREATE DOMAIN`.
    static func firstConstraint(in statement: some TokenPatternMatching) -> Int? {
        var depth = 0
        for index in statement.range {
            guard let token = statement.token(at: index) else { break }
            if LintStatement.isOpening(token) {
                depth += 1
            } else if LintStatement.isClosing(token) {
                depth -= 1
            } else if depth == 0 {
                if statement.isWord("check", at: index), statement.isSymbol("(", at: index + 1) { return index }
                if statement.matches(["not", "null"], at: index), !statement.isWord("is", at: index - 1) {
                    return index
                }
            }
        }
        return nil
    }
}
