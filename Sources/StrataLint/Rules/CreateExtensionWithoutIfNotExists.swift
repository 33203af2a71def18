/// `CREATE EXTENSION` without `IF NOT EXISTS`: fails when the extension is already installed (by the hosting
/// provider, another schema's migrations, or a restored dump).
package struct CreateExtensionWithoutIfNotExists: LintRule {
    /// Creates the rule.
    package init() {}

    /// `create-extension-without-if-not-exists`.
    package var id: String { "create-extension-without-if-not-exists" }
    /// A warning: the migration fails, but locks nothing.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String { "CREATE EXTENSION without IF NOT EXISTS fails where the extension is already installed." }
    /// The safe alternative.
    package var help: String { "write CREATE EXTENSION IF NOT EXISTS" }

    /// Flags `CREATE EXTENSION` without `IF NOT EXISTS`.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            guard statement.starts(with: "create", "extension"), !statement.matches(["if", "not", "exists"], at: 2)
            else { return nil }
            let name = statement.token(at: 2)?.text ?? ""
            return violation(
                "CREATE EXTENSION \(name) fails when the extension is already installed",
                at: statement, token: 1, help: "write CREATE EXTENSION IF NOT EXISTS \(name)")
        }
    }
}
