import Foundation
import PostgresNIO
import StrataCore

/// The table strategy of the migration lock: a lease row in `<schema>.migration_lease`, taken with one
/// autocommit statement that only succeeds when the row is absent or expired, and renewed by a heartbeat on a
/// second connection while the run lasts. A holder that dies stops renewing, and its lease expires after
/// `leaseDuration`. Works through PgBouncer in transaction pooling mode, where session advisory locks do not.
public final class LeaseLock: MigrationLocking, @unchecked Sendable {
    /// The schema of the lease table.
    public let schema: String
    /// How long to wait for the lease before giving up; `nil` waits for ever.
    public let wait: Duration?
    /// How long a lease lives without a heartbeat.
    public let leaseDuration: Duration
    /// This run's identity in the lease row: `host pid 123 run 1a2b3c4d`.
    public let holder: String
    private let lock = NSLock()
    private var heartbeat: Task<Void, Never>?
    private var lost: String?

    /// Creates the lease lock for the history in `schema`.
    public init(schema: String, wait: Duration? = nil, leaseDuration: Duration = .seconds(30)) {
        self.schema = schema
        self.wait = wait
        self.leaseDuration = max(leaseDuration, .seconds(1))
        let host = ProcessInfo.processInfo.hostName
        self.holder = "\(host) pid \(getpid()) run \(UUID().uuidString.prefix(8).lowercased())"
    }

    var tableName: String { "\(SQLIdentifier.quoted(schema)).migration_lease" }
    private var leaseMilliseconds: Int64 { Int64(leaseDuration.wholeMilliseconds) }

    /// Creates the lease table when missing; safe when several processes do it at once.
    func createTable(on session: DatabaseSession) async throws(StrataError) {
        let statements = [
            "CREATE SCHEMA IF NOT EXISTS \(SQLIdentifier.quoted(schema))",
            """
            CREATE TABLE IF NOT EXISTS \(tableName) (
                name text PRIMARY KEY,
                holder text NOT NULL,
                acquired_at timestamptz NOT NULL,
                renewed_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL
            )
            """,
        ]
        for attempt in 1...3 {
            do throws(StrataError) {
                for statement in statements { try await session.run(PostgresQuery(unsafeSQL: statement)) }
                return
            } catch {
                // Two processes creating the same table at once: one gets a unique violation on the catalog.
                guard attempt < 3, ["23505", "42P07", "42710"].contains(error.sqlState ?? "") else { throw error }
            }
        }
    }

    /// Takes the lease, polling until it is free or expired; then starts the heartbeat.
    public func acquire(on session: DatabaseSession, interruption: MigrationInterruption? = nil) async throws(StrataError) {
        try await createTable(on: session)
        let holder = holder
        let milliseconds = leaseMilliseconds
        let take: PostgresQuery = """
            INSERT INTO \(unescaped: tableName) AS lease (name, holder, acquired_at, renewed_at, expires_at)
            VALUES ('migrate', \(holder), clock_timestamp(), clock_timestamp(),
                    clock_timestamp() + \(milliseconds) * interval '1 millisecond')
            ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, acquired_at = EXCLUDED.acquired_at,
                renewed_at = EXCLUDED.renewed_at, expires_at = EXCLUDED.expires_at
            WHERE lease.expires_at < clock_timestamp()
            RETURNING holder
            """
        try await LockPolling.poll(
            wait: wait, session: session, interruption: interruption,
            tryTake: { () throws(StrataError) -> Bool in try await self.tryTake(take, on: session) },
            holder: { await self.holderDescription(on: session) })
        lock.withLock { lost = nil }
        startHeartbeat(from: session)
    }

    /// One attempt at the lease. The holder keeps the row locked while it applies a file (the fence), and an
    /// `INSERT … ON CONFLICT DO UPDATE` waits for that row lock before it checks the expiry: a short transaction-local
    /// `lock_timeout` turns that wait into "held by another run", so `--lock-wait` and Ctrl-C keep working.
    private func tryTake(_ take: PostgresQuery, on session: DatabaseSession) async throws(StrataError) -> Bool {
        do throws(StrataError) {
            return try await session.inTransaction { () throws(StrataError) -> Bool in
                try await session.run("SELECT set_config('lock_timeout', '200ms', true)")
                return !(try await session.run(take)).isEmpty
            }
        } catch {
            if error.sqlState == "55P03" { return false }
            throw error
        }
    }

    /// Stops the heartbeat and deletes the lease row if it is still this run's.
    public func release(on session: DatabaseSession) async {
        let task = lock.withLock { () -> Task<Void, Never>? in
            defer { heartbeat = nil }
            return heartbeat
        }
        task?.cancel()
        await task?.value
        let holder = holder
        do {
            try await session.run("DELETE FROM \(unescaped: tableName) WHERE name = 'migrate' AND holder = \(holder)")
        } catch {
            session.logger.warning("could not release the migration lease (it expires by itself): \(error.message)")
        }
    }

    /// Extends this run's lease by `leaseDuration`; returns no row when the lease is no longer this run's.
    private var renewal: PostgresQuery {
        let holder = holder
        let milliseconds = leaseMilliseconds
        return """
            UPDATE \(unescaped: tableName) SET renewed_at = clock_timestamp(),
                expires_at = clock_timestamp() + \(milliseconds) * interval '1 millisecond'
            WHERE name = 'migrate' AND holder = \(holder)
            RETURNING holder
            """
    }

    /// Renews the lease on the migration connection and fails when another run holds it. Inside a migration's
    /// transaction the renewal also locks the lease row until the transaction ends, so no other run can take the
    /// lease over while the file is being applied, however long it takes: the lease is fenced, not only timed.
    public func fence(on session: DatabaseSession) async throws(StrataError) {
        let query = renewal
        if try await session.run(query).isEmpty {
            let reason = Self.takenOver
            lock.withLock { lost = reason }
            throw StrataError(
                .lockTimeout, "stopped: \(reason)",
                hint: "this run was too slow to renew its lease (see --lock-lease); check strata status, then rerun")
        }
    }

    /// Why the lease was lost (a renewal found another holder), if it was.
    public func lossReason() -> String? { lock.withLock { lost } }

    private func startHeartbeat(from session: DatabaseSession) {
        let interval = leaseDuration / 3
        let task = Task { [self] in
            var observer: DatabaseSession?
            while !Task.isCancelled && lossReason() == nil {
                do { try await Task.sleep(for: interval) } catch { break }
                if observer == nil {
                    do throws(StrataError) {
                        observer = try await session.openSibling()
                    } catch {
                        session.logger.warning("cannot open a connection to renew the migration lease (will retry): \(error.message)")
                    }
                }
                guard let connection = observer else { continue }
                if await !renew(on: connection) {
                    // A lost connection is opened again on the next beat.
                    await connection.close()
                    observer = nil
                }
            }
            await observer?.close()
        }
        lock.withLock { heartbeat = task }
    }

    /// Renews the lease from the heartbeat's connection; false when the connection failed.
    private func renew(on observer: DatabaseSession) async -> Bool {
        do {
            if try await observer.run(renewal).isEmpty {
                lock.withLock { lost = Self.takenOver }
                observer.logger.error("lost the migration lease: \(Self.takenOver)")
            }
            return true
        } catch {
            observer.logger.warning("renewing the migration lease failed (will retry): \(error.message)")
            return error.code != .connection
        }
    }

    static let takenOver = "the migration lease expired and another run took it over"

    /// `host pid 12 run ab12cd34 (lease since 2026-01-01 12:00:01, expires in 25 s unless renewed)`, or `another run`.
    func holderDescription(on session: DatabaseSession) async -> String {
        let query: PostgresQuery = """
            SELECT holder, to_char(acquired_at, 'YYYY-MM-DD HH24:MI:SS'),
                   greatest(0, ceil(extract(epoch FROM expires_at - clock_timestamp())))::bigint
            FROM \(unescaped: tableName) WHERE name = 'migrate'
            """
        guard let rows = try? await session.run(query), let row = rows.first,
            let (holder, since, seconds) = try? row.decode((String, String, Int64).self)
        else { return "another run" }
        return "\(holder) (lease since \(since), expires in \(seconds) s unless renewed)"
    }
}
