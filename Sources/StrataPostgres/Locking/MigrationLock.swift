import Logging
import PostgresNIO
import StrataCore

/// The session advisory lock that makes parallel `strata migrate` runs (app replicas migrating on boot) apply each
/// migration once. Taken by polling `pg_try_advisory_lock` with backoff, never by a blocking `pg_advisory_lock`
/// (a blocked waiter deadlocks with `CREATE INDEX CONCURRENTLY` in the holder).
public struct MigrationLock: MigrationLocking {
    /// The lock's key: derived from the history schema, so two projects with different schemas do not block each other.
    public let key: Int64
    /// How long to wait before giving up; `nil` waits for ever.
    public var timeout: Duration?
    /// A second advisory lock, random per run, taken together with ``key``: holding both proves that the server
    /// session is this run's (behind a pooler, another run's session may hold ``key`` too).
    public let runKey: Int64

    /// Creates the lock for the history in `schema`.
    public init(schema: String, timeout: Duration? = nil) {
        self.key = Self.key(for: "strata:" + schema)
        self.timeout = timeout
        self.runKey = Int64.random(in: Int64.min...Int64.max)
    }

    /// A stable 64-bit FNV-1a hash of `text`.
    static func key(for text: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: hash)
    }

    /// Takes the lock on `session`, polling until it is free or the wait limit passes (`lockTimeout` error, exit 5).
    ///
    /// A server session that already holds the lock before this run took it belongs to another run: that only
    /// happens behind a transaction-mode pooler (PgBouncer), where session advisory locks cannot exclude anyone.
    /// The run is refused with the hint to use the table strategy, instead of running unprotected.
    public func acquire(on session: DatabaseSession, interruption: MigrationInterruption? = nil) async throws(StrataError) {
        let key = key
        let runKey = runKey
        let held = Self.holds([key])
        try await LockPolling.poll(
            wait: timeout, session: session, interruption: interruption,
            tryTake: { () throws(StrataError) -> Bool in
                let rows = try await session.run(PostgresQuery(unsafeSQL: """
                    SELECT CASE WHEN \(held) THEN 'foreign'
                        WHEN pg_try_advisory_lock(\(key)) THEN CASE WHEN pg_try_advisory_lock(\(runKey))
                            AND set_config('\(Self.marker)', '\(runKey)', false) IS NOT NULL THEN 'taken' ELSE 'taken' END
                        ELSE 'busy' END
                    """))
                let answer = (try? rows.first?.decode(String.self)) ?? "busy"
                if answer == "foreign" { throw Self.pooledConnection }
                return answer == "taken"
            },
            holder: { await holderDescription(on: session) },
            stuckHolder: { await idleHolder(on: session, longerThan: Self.idleHolderLimit) })
    }

    /// How long the lock's holder may sit idle before a waiting run stops instead of waiting for ever.
    static let idleHolderLimit = Duration.seconds(30)

    /// The error when session state does not survive between transactions.
    static let pooledConnection = StrataError(
        .configuration,
        "the database connection's server session changes between transactions (a transaction-mode pooler such as PgBouncer): a session advisory lock cannot keep two runs apart there",
        hint: "use --lock-strategy table (or lock_strategy = \"table\" in strata.toml), or connect to the server directly")

    /// SQL that is true when the connection's current server session holds every lock of `keys`.
    static func holds(_ keys: [Int64]) -> String {
        let conditions = keys.map { key -> String in
            let bits = UInt64(bitPattern: key)
            return "(classid::bigint = \(Int64(bits >> 32)) AND objid::bigint = \(Int64(bits & 0xFFFF_FFFF)))"
        }
        return """
            (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted \
            AND objsubid = 1 AND (\(conditions.joined(separator: " OR ")))) = \(keys.count)
            """
    }

    /// One cheap query: whether the connection's server session still holds the lock (a migration may have called
    /// `pg_advisory_unlock_all()`, or a pooler may have moved the connection to another server session).
    public func checkHeld(on session: DatabaseSession) async -> String? {
        guard let rows = try? await session.run(PostgresQuery(unsafeSQL: "SELECT \(Self.holds([key, runKey]))")),
            let held = try? rows.first?.decode(Bool.self)
        else { return nil }
        return held
            ? nil
            : "the migration lock is no longer held by this connection: a migration released it (pg_advisory_unlock_all()), "
                + "or a transaction-mode pooler (PgBouncer) moved the connection to another server session, where only "
                + "--lock-strategy table keeps runs apart"
    }

    /// The session setting that marks the server session holding this run's lock (set with the lock, to the run's
    /// own ``runKey``).
    static let marker = "strata.lock_holder"

    /// `thorough`: both advisory locks in the lock table (`pg_locks`, about 0.15 ms). Otherwise the marker
    /// setting, which costs nothing: another server session (a pooler moved the connection) does not have it, so it
    /// still proves this is the session that took the lock; only a file that releases advisory locks itself could
    /// fool it, and such a file gets the thorough check.
    public func heldCondition(thorough: Bool) -> String? {
        thorough ? Self.holds([key, runKey]) : "current_setting('\(Self.marker)', true) = '\(runKey)'"
    }

    /// `RESET ALL` cleared the marker: set it again, but only while the lock table says the lock is held.
    public func sessionWasReset(on session: DatabaseSession) async {
        let held = Self.holds([key, runKey])
        let query = "SELECT set_config('\(Self.marker)', CASE WHEN \(held) THEN '\(runKey)' ELSE '' END, false)"
        _ = try? await session.run(PostgresQuery(unsafeSQL: query))
    }

    /// An advisory lock cannot be lost while its connection lives.
    public func lossReason() -> String? { nil }

    /// Releases the lock; failures are logged (the lock goes away with the connection anyway).
    public func release(on session: DatabaseSession) async {
        do {
            let rows = try await session.run("SELECT pg_advisory_unlock(\(key)), pg_advisory_unlock(\(runKey))")
            if let (shared, own) = try? rows.first?.decode((Bool, Bool).self), !(shared && own) {
                await endOrphanedSession(on: session)
            }
        } catch {
            session.logger.debug("releasing the migration lock failed: \(error)")
        }
    }

    /// Behind a transaction-mode pooler the lock stays with the server session that took it, idle in the pool, where
    /// it would block every later run for ever. That session holds this run's own ``runKey`` (random per run), so it
    /// is certainly this run's: it is ended (`pg_terminate_backend`) when idle, which frees the lock.
    func endOrphanedSession(on session: DatabaseSession) async {
        let bits = UInt64(bitPattern: runKey)
        let query = PostgresQuery(unsafeSQL: """
            SELECT pg_terminate_backend(l.pid) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND a.state = 'idle'
            AND l.classid::bigint = \(Int64(bits >> 32)) AND l.objid::bigint = \(Int64(bits & 0xFFFF_FFFF))
            """)
        let ended = (try? await session.run(query))?.count ?? 0
        session.logger.warning(
            ended > 0
                ? "the migration lock stayed with another server session (a transaction-mode pooler); that idle session of this run was ended to free it"
                : "the migration lock was not held by this connection when the run ended")
    }

    /// A description of the lock's holder when it has sat idle (no transaction, no query) for longer than
    /// `limit`: a stuck session, or a pooled server session that nobody will ever release the lock from.
    func idleHolder(on session: DatabaseSession, longerThan limit: Duration) async -> String? {
        let bits = UInt64(bitPattern: key)
        let query = PostgresQuery(unsafeSQL: """
            SELECT a.pid, coalesce(a.application_name, ''), extract(epoch FROM clock_timestamp() - a.state_change)::bigint
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND a.state = 'idle'
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND l.classid::bigint = \(Int64(bits >> 32)) AND l.objid::bigint = \(Int64(bits & 0xFFFF_FFFF))
            AND clock_timestamp() - a.state_change > \(limit.wholeMilliseconds) * interval '1 millisecond'
            LIMIT 1
            """)
        guard let rows = try? await session.run(query), let row = rows.first,
            let (pid, application, seconds) = try? row.decode((Int32, String, Int64).self)
        else { return nil }
        return "pid \(pid) (\(application.isEmpty ? "no application_name" : application)), idle for \(seconds) s"
    }

    /// `pid 123 (strata, since 12:00:01)` for the session holding the lock, or `another session`.
    func holderDescription(on session: DatabaseSession) async -> String {
        let bits = UInt64(bitPattern: key)
        let classID = Int64(bits >> 32)
        let objectID = Int64(bits & 0xFFFF_FFFF)
        let query: PostgresQuery = """
            SELECT a.pid, coalesce(a.application_name, ''), coalesce(to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS'), '')
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND l.classid::bigint = \(classID) AND l.objid::bigint = \(objectID)
            LIMIT 1
            """
        guard let rows = try? await session.run(query), let row = rows.first,
            let (pid, application, since) = try? row.decode((Int32, String, String).self)
        else { return "another session" }
        return "pid \(pid) (\(application.isEmpty ? "no application_name" : application), connected since \(since))"
    }
}
