/// `CREATE EXTENSION` without `IF NOT EXISTS`: fails when the extension is already installed (by the hosting
/// provider, another schema's migrations, or a restored dump).
public struct CreateExtensionWithoutIfNotExists: LintRule {
    /// Creates the rule.
    public init() {}

    /// `create-extension-without-if-not-exists`.
    public var id: String { "create-extension-without-if-not-exists" }
    /// A warning: the migration fails, but locks nothing.
    public var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    public var summary: String { "CREATE EXTENSION without IF NOT EXISTS fails where the extension is already installed." }
    /// The safe alternative.
    public var help: String { "write CREATE EXTENSION IF NOT EXISTS" }

    /// Flags `CREATE EXTENSION` without `IF NOT EXISTS`.
    public func check(_ file: LintFile) -> [LintViolation] {
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
