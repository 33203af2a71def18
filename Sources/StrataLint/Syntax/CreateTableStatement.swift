/// `CREATE [GLOBAL | LOCAL] [TEMP | TEMPORARY | UNLOGGED] TABLE [IF NOT EXISTS] name (…) | AS … | PARTITION OF …`,
/// read from a statement's tokens.
package struct CreateTableStatement: Sendable, Hashable {
    /// The created table.
    package var name: LintObjectName
    /// `IF NOT EXISTS` is present.
    package var ifNotExists: Bool
    /// `TEMP` or `TEMPORARY` is present.
    package var isTemporary: Bool
    /// `UNLOGGED` is present.
    package var isUnlogged: Bool
    /// `CREATE TABLE … AS query` (or `AS EXECUTE`).
    package var isCreateTableAs: Bool
    /// The elements inside the parentheses (columns, table constraints, `LIKE …`), split at top-level commas.
    package var elements: [TokenSpan]

    /// Reads `CREATE TABLE` from `statement`; nil when it is another statement.
    package init?(_ statement: some TokenPatternMatching) {
        var cursor = statement.cursor()
        guard cursor.skip("create") else { return nil }
        cursor.skip(anyOf: "global", "local")
        isTemporary = cursor.skip(anyOf: "temp", "temporary") != nil
        isUnlogged = cursor.skip("unlogged")
        guard cursor.skip("table") else { return nil }
        ifNotExists = cursor.skip("if", "not", "exists")
        guard let name = cursor.readName() else { return nil }
        self.name = name
        if let inner = cursor.readParenthesized() {
            elements = inner.splitTopLevel().filter { !$0.isEmpty }
        } else {
            elements = []
        }
        isCreateTableAs = cursor.isAt("as")
    }

    /// The column definitions among `elements` (table constraints and `LIKE` clauses left out).
    package var columns: [ColumnDefinition] {
        elements.compactMap { element in
            if TableConstraint(element) != nil || element.starts(with: "like") { return nil }
            return ColumnDefinition(element)
        }
    }

    /// The table constraints among `elements`.
    package var constraints: [TableConstraint] {
        elements.compactMap { TableConstraint($0) }
    }
}
