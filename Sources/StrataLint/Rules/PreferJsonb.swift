/// A `json` column: PostgreSQL keeps the text as written and re-parses it on every access; `json` has no equality
/// operator and no GIN index support.
package struct PreferJsonb: LintRule {
    /// Creates the rule.
    package init() {}

    /// `prefer-jsonb`.
    package var id: String { "prefer-jsonb" }
    /// A warning: a type preference.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String { "json is re-parsed on every access and cannot be compared or GIN-indexed; use jsonb." }
    /// The safe alternative.
    package var help: String {
        "use jsonb; keep json only when the exact text (key order, duplicate keys, whitespace) must be preserved"
    }

    /// Flags `json` columns (and `json[]`) in `CREATE TABLE` and `ADD COLUMN`.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.declaredColumns.compactMap { declared in
            guard declared.type.base == .json else { return nil }
            return violation(
                "\(declared.subject): json is re-parsed on every access and has no equality operator, so DISTINCT, "
                    + "GROUP BY, UNION and GIN indexes do not work on it; changing it to jsonb later rewrites the table",
                at: declared.statement, token: declared.type.tokenIndex)
        }
    }
}
