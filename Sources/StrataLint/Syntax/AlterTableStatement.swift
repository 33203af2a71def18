import StrataSQL

/// `ALTER TABLE [IF EXISTS] [ONLY] name [*] action [, …]`, read from a statement's tokens. Also covers the single
/// actions `RENAME …`, `SET SCHEMA …`, `ATTACH/DETACH PARTITION …`, which PostgreSQL does not let you combine.
package struct AlterTableStatement: Sendable, Hashable {
    /// `IF EXISTS` is present.
    package var ifExists: Bool
    /// `ONLY` is present (descendant tables are not altered).
    package var isOnly: Bool
    /// The altered table.
    package var table: LintObjectName
    /// The actions, in order, split at top-level commas.
    package var actions: [AlterTableAction]

    /// Reads `ALTER TABLE` from `statement`; nil when it is another statement (including `ALTER TABLE ALL IN
    /// TABLESPACE`).
    package init?(_ statement: some TokenPatternMatching) {
        var cursor = statement.cursor()
        guard cursor.skip("alter", "table") else { return nil }
        ifExists = cursor.skip("if", "exists")
        isOnly = cursor.skip("only")
        if cursor.isAt("all", "in") { return nil }
        guard let table = cursor.readName() else { return nil }
        self.table = table
        cursor.skip("*")
        actions = cursor.rest.splitTopLevel().filter { !$0.isEmpty }.map(AlterTableAction.init)
    }
}

/// One action of `ALTER TABLE`, with readers for the common shapes. Unrecognised actions are still available as
/// tokens through `span` and its pattern helpers (`action.starts(with: "drop", "column")`).
package struct AlterTableAction: Sendable, Hashable, TokenPatternMatching {
    /// The action's tokens.
    package let span: TokenSpan

    /// Wraps an action's tokens.
    package init(_ span: TokenSpan) {
        self.span = span
    }

    /// The statement's significant tokens.
    package var tokens: [Token] { span.tokens }
    /// The action's part of them.
    package var range: Range<Int> { span.range }
    /// The statement's text.
    package var statementText: String { span.statementText }
    /// The file offset of the statement's text.
    package var statementTextOffset: Int { span.statementTextOffset }

    /// `ADD [COLUMN] [IF NOT EXISTS] name type …`: the added column; nil for other actions (including
    /// `ADD CONSTRAINT`, `ADD PRIMARY KEY`, …).
    package var addedColumn: ColumnDefinition? {
        var cursor = cursor()
        guard cursor.skip("add") else { return nil }
        if !cursor.skip("column") {
            let tableConstraintStarts = ["constraint", "primary", "unique", "check", "foreign", "exclude"]
            if let word = cursor.word, tableConstraintStarts.contains(word) { return nil }
        }
        cursor.skip("if", "not", "exists")
        return ColumnDefinition(cursor.rest)
    }

    /// `ADD [CONSTRAINT name] CHECK | UNIQUE | PRIMARY KEY | FOREIGN KEY | EXCLUDE …`: the added table constraint;
    /// nil for other actions.
    package var addedConstraint: TableConstraint? {
        var cursor = cursor()
        guard cursor.skip("add") else { return nil }
        return TableConstraint(cursor.rest)
    }

    /// `ALTER [COLUMN] name …`: the column's name, the index of its token and the rest of the action
    /// (`SET NOT NULL`, `TYPE bigint`, `SET DEFAULT 0`, …); nil for other actions.
    package var alteredColumn: (name: String, nameIndex: Int, rest: TokenSpan)? {
        var cursor = cursor()
        guard cursor.skip("alter") else { return nil }
        cursor.skip("column")
        let nameIndex = cursor.index
        guard let name = cursor.readIdentifier() else { return nil }
        return (name, nameIndex, cursor.rest)
    }

    /// `DROP [COLUMN] [IF EXISTS] name`: the dropped column; nil for other actions (including `DROP CONSTRAINT`).
    package var droppedColumn: (name: String, nameIndex: Int)? {
        var cursor = cursor()
        guard cursor.skip("drop") else { return nil }
        if !cursor.skip("column"), cursor.isAt("constraint") { return nil }
        cursor.skip("if", "exists")
        let nameIndex = cursor.index
        guard let name = cursor.readIdentifier() else { return nil }
        return (name, nameIndex)
    }

    /// `VALIDATE CONSTRAINT name`: the constraint's name; nil for other actions.
    package var validatedConstraint: String? {
        var cursor = cursor()
        guard cursor.skip("validate", "constraint") else { return nil }
        return cursor.readIdentifier()
    }
}
