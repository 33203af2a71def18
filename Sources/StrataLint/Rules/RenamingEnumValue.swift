/// `ALTER TYPE … RENAME VALUE`: application versions still running during the deploy write and compare the old
/// label, and PostgreSQL rejects it (`invalid input value for enum`).
package struct RenamingEnumValue: LintRule {
    /// Creates the rule.
    package init() {}

    /// `renaming-enum-value`.
    package var id: String { "renaming-enum-value" }
    /// An error: the running application starts failing the moment the migration commits.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String {
        "ALTER TYPE … RENAME VALUE breaks application versions that still use the old label."
    }
    /// The safe alternative.
    package var help: String {
        "ADD VALUE the new label, deploy code that accepts both and writes the new one, UPDATE rows in batches, then "
            + "stop using the old label (an enum value cannot be dropped without recreating the type)"
    }

    /// Flags `ALTER TYPE name RENAME VALUE` unless the type was created earlier in the section.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            var cursor = statement.cursor()
            guard cursor.skip("alter", "type"), let type = cursor.readName() else { return nil }
            let renameIndex = cursor.index
            guard cursor.skip("rename", "value"), !file.creates(.type, named: type, before: statement) else {
                return nil
            }
            let old = cursor.token?.text ?? ""
            cursor.advance()
            let new = cursor.skip("to") ? (cursor.token?.text ?? "") : ""
            return violation(
                "renaming the value \(old) of enum \(type) to \(new) breaks every running application version that "
                    + "still writes or compares \(old): PostgreSQL rejects it as an invalid input value",
                at: statement, token: renameIndex)
        }
    }
}
