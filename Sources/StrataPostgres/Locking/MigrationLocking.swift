import StrataCore

/// A lock that lets one `strata` run at a time change a database: ``MigrationLock`` (advisory, the default) or
/// ``LeaseLock`` (a lease row, for PgBouncer).
public protocol MigrationLocking: Sendable {
    /// Takes the lock on `session`, polling until it is free, the wait limit passes (exit 5) or `interruption`
    /// is triggered.
    func acquire(on session: DatabaseSession, interruption: MigrationInterruption?) async throws(StrataError)
    /// Releases the lock; failures are logged, never thrown.
    func release(on session: DatabaseSession) async
    /// A reason to stop before the next file, when the lock was lost while held (a lease taken over); `nil` while
    /// the lock is safely held.
    func lossReason() -> String?
    /// Proves, on the migration connection and inside the work's transaction when there is one, that the lock is
    /// still this run's; throws when it is not. A no-op for locks that cannot be lost.
    func fence(on session: DatabaseSession) async throws(StrataError)
    /// Why the lock is not held by this connection any more (checked before each commit), or `nil` when it is.
    func checkHeld(on session: DatabaseSession) async -> String?
    /// SQL that is true while this connection holds the lock, for a check inside a server-side block; `nil` when
    /// the lock cannot be checked that way (a whole file then runs statement by statement). `thorough`: the file
    /// may have released the lock itself, so the check must ask the lock table, not a cheaper marker.
    func heldCondition(thorough: Bool) -> String?
    /// After the session's settings were reset (`RESET ALL`): restores what the lock keeps in them.
    func sessionWasReset(on session: DatabaseSession) async
}

extension MigrationLocking {
    /// Locks that cannot be lost need no fence.
    public func fence(on session: DatabaseSession) async throws(StrataError) {}

    /// Locks fenced inside each transaction need no extra check.
    public func checkHeld(on session: DatabaseSession) async -> String? { nil }

    /// Locks without a one-expression check run files statement by statement.
    public func heldCondition(thorough: Bool) -> String? { nil }

    /// Locks that keep nothing in the session's settings have nothing to restore.
    public func sessionWasReset(on session: DatabaseSession) async {}

    /// Runs `body` holding the lock on `session`; the lock is released on every path.
    public func holding<T: Sendable>(
        on session: DatabaseSession, interruption: MigrationInterruption?, _ body: () async throws(StrataError) -> T
    ) async throws(StrataError) -> T {
        try await acquire(on: session, interruption: interruption)
        do throws(StrataError) {
            let result = try await body()
            await release(on: session)
            return result
        } catch {
            await release(on: session)
            throw error
        }
    }
}

/// The polling loop both locks share: try, and while the lock is held elsewhere, say once who holds it, then
/// sleep with doubling delays (20 ms up to 500 ms) until `wait` has passed.
enum LockPolling {
    static func poll(
        wait: Duration?, session: DatabaseSession, interruption: MigrationInterruption?,
        tryTake: () async throws(StrataError) -> Bool, holder: () async -> String,
        stuckHolder: () async -> String? = { nil }
    ) async throws(StrataError) {
        let clock = ContinuousClock()
        let start = clock.now
        var delay = Duration.milliseconds(20)
        var announced = false
        while true {
            if let reason = interruption?.triggeredReason {
                throw StrataError(.interrupted, "interrupted (\(reason)) while waiting for the migration lock; nothing was applied")
            }
            if try await tryTake() { return }
            if !announced {
                announced = true
                let current = await holder()
                session.logger.notice("waiting for the migration lock held by \(current)")
            }
            if announced, let stuck = await stuckHolder() {
                throw StrataError(
                    .lockTimeout, "the migration lock is held by a session that does nothing: \(stuck)",
                    hint: "a run holds it between statements for milliseconds, never this long; behind a transaction-mode "
                        + "pooler (PgBouncer) use --lock-strategy table; otherwise end that session "
                        + "(SELECT pg_terminate_backend(pid)) and rerun")
            }
            if let wait, clock.now - start >= wait {
                let current = await holder()
                throw StrataError(
                    .lockTimeout, "timed out after \(wait) waiting for the migration lock held by \(current)",
                    hint: "another strata run is migrating this database; wait for it, or raise --lock-wait")
            }
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw StrataError(.interrupted, "interrupted while waiting for the migration lock; nothing was applied")
            }
            delay = min(delay * 2, .milliseconds(500))
        }
    }
}
