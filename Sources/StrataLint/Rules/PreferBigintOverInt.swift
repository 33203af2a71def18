/// An `integer` (or `serial`) column: it overflows at 2,147,483,647, and widening it to `bigint` later rewrites the
/// whole table under an ACCESS EXCLUSIVE lock.
package struct PreferBigintOverInt: LintRule {
    /// Creates the rule.
    package init() {}

    /// `prefer-bigint-over-int`.
    package var id: String { "prefer-bigint-over-int" }
    /// A warning: a type preference, nothing is locked now.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String {
        "An integer column overflows at 2,147,483,647; changing it to bigint later rewrites the table."
    }
    /// The safe alternative.
    package var help: String {
        "use bigint (bigint GENERATED ALWAYS AS IDENTITY for ids): 4 more bytes per value, and no overflow to migrate "
            + "away from later"
    }

    /// Flags `int`, `integer`, `int4`, `serial`, `serial4` columns in `CREATE TABLE` and `ADD COLUMN` (arrays left
    /// out: their elements are not counters).
    package func check(_ file: LintFile) -> [LintViolation] {
        file.declaredColumns.compactMap { declared in
            let base = declared.type.base
            guard base == .integer || base == .serial, !declared.type.isArray else { return nil }
            return violation(
                "\(declared.subject): it overflows at 2,147,483,647, and changing it to bigint later rewrites the "
                    + "whole table under an ACCESS EXCLUSIVE lock",
                at: declared.statement, token: declared.type.tokenIndex,
                help: base == .serial ? "use bigint GENERATED ALWAYS AS IDENTITY (or bigserial)" : nil)
        }
    }
}
