import PostgresNIO
import StrataCore

/// Settings of the migration connection for a whole run, sent in one round trip once the lock is held (and again
/// after a `RESET ALL`): the run's `lock_timeout` and `statement_timeout`, so a file without its own values needs no
/// `SET` of its own, and `client_connection_check_interval = 1s` (PostgreSQL 14+), so that when this process dies
/// the server notices within a second, rolls the file back and frees the lock. Not used behind PgBouncer in
/// transaction pooling mode, where a session setting would leak to other clients.
struct SessionDefaults: Sendable {
    /// The run's `lock_timeout`, when it sets one.
    let lockTimeout: TimeoutValue?
    /// The run's `statement_timeout`, when it sets one.
    let statementTimeout: TimeoutValue?
    /// Whether the server knows `client_connection_check_interval` (PostgreSQL 14+).
    let checksDeadClients: Bool

    /// The defaults for `options` on a server of `serverMajorVersion`.
    init(options: MigratorOptions, serverMajorVersion: Int?) {
        lockTimeout = options.lockTimeout
        statementTimeout = options.statementTimeout
        checksDeadClients = (serverMajorVersion ?? 0) >= 14
    }

    /// The one statement that sets them.
    var statement: String {
        var settings: [String] = []
        if let lockTimeout { settings.append("set_config('lock_timeout', '\(lockTimeout.postgresLiteral)', false)") }
        if let statementTimeout {
            settings.append("set_config('statement_timeout', '\(statementTimeout.postgresLiteral)', false)")
        }
        if checksDeadClients { settings.append("set_config('client_connection_check_interval', '1s', false)") }
        return "SELECT " + (settings.isEmpty ? "1" : settings.joined(separator: ", "))
    }

    /// Sends them on `session`.
    func apply(on session: DatabaseSession) async throws(StrataError) {
        try await session.run(PostgresQuery(unsafeSQL: statement))
    }
}
