/// A SQL file run around a migrate (a `beforeMigrate.sql` / `afterMigrate.sql` hook): not recorded in history.
public struct SQLScript: Sendable, Hashable {
    /// The file's path, as shown in messages.
    public var path: String
    /// Its SQL (placeholders already substituted).
    public var sql: MigrationSection

    /// Creates a script.
    public init(path: String, sql: MigrationSection) {
        self.path = path
        self.sql = sql
    }
}
