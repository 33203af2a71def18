/// A repeatable migration (Flyway's `R__<name>.sql`): no version, applied after the versioned ones, and applied
/// again whenever its checksum changes. Its history row has kind `repeatable` and the key `R__<name>`, which can
/// never equal a version (versions are digits and dots).
public struct RepeatableMigration: Sendable, Hashable {
    /// The name after `R__` (`refresh_views`).
    public var name: String
    /// The file's path, as shown in messages.
    public var path: String
    /// The SQL to run (placeholders already substituted).
    public var up: MigrationSection
    /// In one transaction (the default), or statement by statement.
    public var transactionMode: TransactionMode
    /// SHA-256 of the file's text as stored (before placeholder substitution).
    public var checksum: String

    /// Creates a repeatable migration.
    public init(
        name: String, path: String, up: MigrationSection, transactionMode: TransactionMode = .transactional,
        checksum: String
    ) {
        self.name = name
        self.path = path
        self.up = up
        self.transactionMode = transactionMode
        self.checksum = checksum
    }

    /// The key of its history row: `R__<name>`.
    public var historyKey: String { "R__" + name }
}
