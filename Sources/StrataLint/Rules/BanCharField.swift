/// A `char(n)` / `character(n)` column: values are blank-padded to `n`, the padding is ignored by some operations
/// and not by others, and the type is no faster than `text`.
package struct BanCharField: LintRule {
    /// Creates the rule.
    package init() {}

    /// `ban-char-field`.
    package var id: String { "ban-char-field" }
    /// A warning: a type preference, nothing is locked.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String {
        "A char(n) column pads values with spaces, compares them inconsistently and is no faster than text."
    }
    /// The safe alternative.
    package var help: String {
        "use text (or varchar); if the length must be fixed, add CHECK (char_length(col) = n)"
    }

    /// Flags `char`, `character`, `bpchar` columns in `CREATE TABLE` and `ADD COLUMN` (the quoted internal
    /// `"char"` type is left alone).
    package func check(_ file: LintFile) -> [LintViolation] {
        file.declaredColumns.compactMap { declared in
            guard declared.type.base == .character else { return nil }
            return violation(
                "\(declared.subject): char(n) pads every value with spaces to its full length, a padding some "
                    + "operations ignore and others keep, and it is no faster than text",
                at: declared.statement, token: declared.type.tokenIndex)
        }
    }
}
