import StrataSQL

/// A statement lint could not read: template syntax (`{{ .Table }}`, `{% … %}`, `<%= … %>`) or a `CREATE TABLE`,
/// `CREATE INDEX` or `ALTER TABLE` whose shape did not parse. The rules that need the statement's shape skipped it,
/// so the file may have fewer findings than it deserves; this note says so instead of staying silent.
package struct UnparsedStatement: LintRule {
    /// Creates the rule.
    package init() {}

    /// `unparsed-statement`.
    package var id: String { "unparsed-statement" }
    /// A note: it is about the lint run, not about the migration's safety.
    package var defaultSeverity: LintSeverity { .note }
    /// What the rule catches.
    package var summary: String { "Lint could not read a statement, so rules that need its shape skipped it." }
    /// The safe alternative.
    package var help: String {
        "lint the rendered SQL (expand templates first), or review this statement by hand; "
            + "`-- strata:nolint unparsed-statement` silences the note"
    }

    /// Flags a statement holding characters that are not SQL outside strings and comments (`{`, `}`, a lone `$` or
    /// `\`: template syntax), and a `CREATE TABLE`, `CREATE [UNIQUE] INDEX` or `ALTER TABLE` the linter could not
    /// read.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            if let index = statement.tokens.firstIndex(where: Self.isForeignCharacter) {
                return violation(
                    "could not read this statement: '\(statement.tokens[index].text)' is not SQL (a template?); "
                        + "rules that need the statement's shape skipped it",
                    at: statement, token: index)
            }
            if let kind = Self.unreadShape(statement) {
                return violation(
                    "could not read this \(kind) statement; rules that need its shape skipped it",
                    at: statement)
            }
            return nil
        }
    }

    private static func isForeignCharacter(_ token: Token) -> Bool {
        token.kind == .punctuation && ["{", "}", "$", "\\"].contains(token.text)
    }

    /// The statement kind whose reader gave up on `statement`, or nil.
    private static func unreadShape(_ statement: LintStatement) -> String? {
        if statement.starts(with: "alter", "table"), statement.alterTable == nil, !statement.isWord("all", at: 2) {
            return "ALTER TABLE"
        }
        if statement.isWord("create", at: 0), statement.createIndex == nil, statement.createTable == nil {
            var cursor = statement.cursor(at: 1)
            cursor.skip("unique")
            if cursor.isAt("index") { return "CREATE INDEX" }
            cursor.skip(anyOf: "temp", "temporary", "unlogged")
            if cursor.isAt("table"), !statement.contains(word: "as"), !statement.contains(word: "of") {
                return "CREATE TABLE"
            }
        }
        return nil
    }
}
