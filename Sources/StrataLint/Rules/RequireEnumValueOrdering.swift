/// `ALTER TYPE … ADD VALUE` without `BEFORE` or `AFTER`: the value is appended after the last one, which silently
/// decides how `ORDER BY`, `<` and `>` sort it.
package struct RequireEnumValueOrdering: LintRule {
    /// Creates the rule.
    package init() {}

    /// `require-enum-value-ordering`.
    package var id: String { "require-enum-value-ordering" }
    /// A warning: nothing is locked, but the sort order is decided by accident.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String { "ALTER TYPE … ADD VALUE without BEFORE/AFTER appends the value wherever it lands." }
    /// The safe alternative.
    package var help: String {
        "say where the value sorts: ALTER TYPE … ADD VALUE 'new' BEFORE 'existing' (or AFTER 'existing'), even when "
            + "that is the end"
    }

    /// Flags `ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'value'` with no `BEFORE` or `AFTER`.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            var cursor = statement.cursor()
            guard cursor.skip("alter", "type"), let type = cursor.readName() else { return nil }
            let addIndex = cursor.index
            guard cursor.skip("add", "value") else { return nil }
            cursor.skip("if", "not", "exists")
            let value = cursor.token?.text ?? ""
            cursor.advance()
            if cursor.isAt("before") || cursor.isAt("after") { return nil }
            return violation(
                "ALTER TYPE \(type) ADD VALUE \(value) has no BEFORE or AFTER, so the new value sorts after every "
                    + "existing one in ORDER BY and comparisons",
                at: statement, token: addIndex)
        }
    }
}
