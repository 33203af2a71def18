/// A `timestamp` (without time zone) column: it stores wall-clock time with no zone, so the instant a value denotes
/// depends on whoever wrote it.
package struct PreferTimestamptz: LintRule {
    /// Creates the rule.
    package init() {}

    /// `prefer-timestamptz`.
    package var id: String { "prefer-timestamptz" }
    /// A warning: a type preference.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String { "timestamp without time zone stores wall-clock time, not an instant." }
    /// The safe alternative.
    package var help: String {
        "use timestamptz (timestamp with time zone): it stores an absolute instant in the same 8 bytes and converts "
            + "to the session's time zone on output"
    }

    /// Flags `timestamp` / `timestamp without time zone` columns in `CREATE TABLE` and `ADD COLUMN`.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.declaredColumns.compactMap { declared in
            guard declared.type.base == .timestamp else { return nil }
            return violation(
                "\(declared.subject): it keeps no time zone, so values written by sessions in different time zones "
                    + "(or around a DST change) do not denote comparable instants",
                at: declared.statement, token: declared.type.tokenIndex)
        }
    }
}
