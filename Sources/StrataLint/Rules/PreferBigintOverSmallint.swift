/// A `smallint` (or `smallserial`) column: it overflows at 32,767, and widening it later rewrites the whole table
/// under an ACCESS EXCLUSIVE lock.
package struct PreferBigintOverSmallint: LintRule {
    /// Creates the rule.
    package init() {}

    /// `prefer-bigint-over-smallint`.
    package var id: String { "prefer-bigint-over-smallint" }
    /// A warning: a type preference, nothing is locked now.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String {
        "A smallint column overflows at 32,767; changing it to bigint later rewrites the table."
    }
    /// The safe alternative.
    package var help: String {
        "use bigint (or integer with a CHECK when the range is truly small and fixed); alignment padding often "
            + "makes smallint save nothing"
    }

    /// Flags `smallint`, `int2`, `smallserial`, `serial2` columns in `CREATE TABLE` and `ADD COLUMN` (arrays left
    /// out).
    package func check(_ file: LintFile) -> [LintViolation] {
        file.declaredColumns.compactMap { declared in
            let base = declared.type.base
            guard base == .smallint || base == .smallserial, !declared.type.isArray else { return nil }
            return violation(
                "\(declared.subject): it overflows at 32,767, and changing it to a wider type later rewrites the "
                    + "whole table under an ACCESS EXCLUSIVE lock",
                at: declared.statement, token: declared.type.tokenIndex)
        }
    }
}
