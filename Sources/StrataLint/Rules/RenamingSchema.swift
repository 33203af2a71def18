/// `ALTER SCHEMA … RENAME TO …`: every query of the running application that names the schema (or relies on it in
/// `search_path`) fails the moment the migration commits.
package struct RenamingSchema: LintRule {
    /// Creates the rule.
    package init() {}

    /// `renaming-schema`.
    package var id: String { "renaming-schema" }
    /// An error: the running application breaks.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String { "ALTER SCHEMA … RENAME breaks every query that still names the old schema." }
    /// The safe alternative.
    package var help: String {
        "keep the name, or move in steps: CREATE SCHEMA the new one, deploy code that finds objects in both, move "
            + "them with ALTER … SET SCHEMA, then drop the old schema once nothing uses it"
    }

    /// Flags `ALTER SCHEMA name RENAME TO` unless the schema was created earlier in the section.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            var cursor = statement.cursor()
            guard cursor.skip("alter", "schema"), let schema = cursor.readIdentifier() else { return nil }
            let renameIndex = cursor.index
            guard cursor.skip("rename", "to"), let new = cursor.readIdentifier() else { return nil }
            let createdHere = file.statements(before: statement).contains { earlier in
                var cursor = earlier.cursor()
                guard cursor.skip("create", "schema") else { return false }
                cursor.skip("if", "not", "exists")
                cursor.skip("authorization")  // CREATE SCHEMA AUTHORIZATION role: named after the role
                return cursor.readIdentifier() == schema
            }
            if createdHere { return nil }
            return violation(
                "renaming schema \"\(schema)\" to \"\(new)\" breaks every running query that names \"\(schema)\" or "
                    + "finds its objects through search_path",
                at: statement, token: renameIndex)
        }
    }
}
