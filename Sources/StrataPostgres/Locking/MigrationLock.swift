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

    /// Creates the lock for the history in `schema`.
    public init(schema: String, timeout: Duration? = nil) {
        self.key = Self.key(for: "strata:" + schema)
        self.timeout = timeout
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
    public func acquire(on session: DatabaseSession, interruption: MigrationInterruption? = nil) async throws(StrataError) {
        let key = key
        try await LockPolling.poll(
            wait: timeout, session: session, interruption: interruption,
            tryTake: { () throws(StrataError) -> Bool in
                let rows = try await session.run("SELECT pg_try_advisory_lock(\(key))")
                return (try? rows.first?.decode(Bool.self)) ?? false
            },
            holder: { await holderDescription(on: session) })
    }

    /// An advisory lock cannot be lost while its connection lives.
    public func lossReason() -> String? { nil }

    /// Releases the lock; failures are logged (the lock goes away with the connection anyway).
    public func release(on session: DatabaseSession) async {
        do {
            try await session.run("SELECT pg_advisory_unlock(\(key))")
        } catch {
            session.logger.debug("releasing the migration lock failed: \(error)")
        }
    }

    /// `pid 123 (strata, since 12:00:01)` for the session holding the lock, or `another session`.
    func holderDescription(on session: DatabaseSession) async -> String {
        let bits = UInt64(bitPattern: key)
        let classID = Int64(bits >> 32)
        let objectID = Int64(bits & 0xFFFF_FFFF)
        let query: PostgresQuery = """
            SELECT a.pid, coalesce(a.application_name, ''), coalesce(to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS'), '')
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = \(classID) AND l.objid::bigint = \(objectID)
            LIMIT 1
            """
        guard let rows = try? await session.run(query), let row = rows.first,
            let (pid, application, since) = try? row.decode((Int32, String, String).self)
        else { return "another session" }
        return "pid \(pid) (\(application.isEmpty ? "no application_name" : application), connected since \(since))"
    }
}
