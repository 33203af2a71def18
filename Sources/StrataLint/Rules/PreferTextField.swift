/// A `varchar(n)` column: the limit is part of the type, so changing it later needs `ALTER COLUMN … TYPE`, which takes
/// an ACCESS EXCLUSIVE lock (and rewrites the table when the limit shrinks).
package struct PreferTextField: LintRule {
    /// Creates the rule.
    package init() {}

    /// `prefer-text-field`.
    package var id: String { "prefer-text-field" }
    /// A warning: a type preference, nothing is locked now.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String {
        "A varchar(n) limit can only be changed with ALTER COLUMN TYPE, under an ACCESS EXCLUSIVE lock."
    }
    /// The safe alternative.
    package var help: String {
        "use text with a CHECK (char_length(col) <= n) constraint: a CHECK can be replaced later with NOT VALID and "
            + "VALIDATE CONSTRAINT without blocking the table"
    }

    /// Flags `varchar(n)` / `character varying(n)` columns in `CREATE TABLE` and `ADD COLUMN`; `varchar` without
    /// a limit is `text` by another name and passes.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.declaredColumns.compactMap { declared in
            guard declared.type.base == .varchar, declared.type.hasModifier else { return nil }
            return violation(
                "\(declared.subject): changing the limit later needs ALTER COLUMN … TYPE, which takes an ACCESS "
                    + "EXCLUSIVE lock on the table (and rewrites it if the limit shrinks)",
                at: declared.statement, token: declared.type.tokenIndex)
        }
    }
}
