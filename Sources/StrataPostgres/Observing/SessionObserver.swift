import Foundation
import PostgresNIO
import StrataCore

/// A second connection that looks at the migration's connection from outside while a statement runs: it notes
/// which sessions block it (so a lock timeout can name them) and can cancel the running statement on the server
/// (on SIGINT/SIGTERM). Opened lazily: a migration whose statements finish quickly never opens it.
///
/// Behind PgBouncer in transaction pooling mode the server process changes between transactions, so the
/// observer is disabled there (``isEnabled`` false) rather than risk cancelling somebody else's statement.
public final class SessionObserver: @unchecked Sendable {
    /// The migration's session.
    public let session: DatabaseSession
    /// False when process ids cannot be trusted (transaction pooling).
    public let isEnabled: Bool
    /// How long a statement runs before the observer starts looking for blockers.
    let watchDelay: Duration
    private let lock = NSLock()
    private var processID: Int32?
    private var sibling: DatabaseSession?
    private var blockers: String?
    /// When the statement now running started; `nil` between statements.
    private var statementStart: ContinuousClock.Instant?
    /// One loop for the whole run (not a task per statement, which costs client CPU on every statement).
    private var watcher: Task<Void, Never>?
    private var closed = false
    /// A look at the blockers is under way (its answer may land just after the statement ended).
    private var looking = false

    /// Creates an observer of `session`; `enabled: false` makes every call a no-op.
    public init(session: DatabaseSession, enabled: Bool = true, watchDelay: Duration = .milliseconds(300)) {
        self.session = session
        self.isEnabled = enabled
        self.watchDelay = watchDelay
    }

    /// Reads the migration connection's server process id; call while that connection is idle.
    public func prepare() async {
        guard isEnabled, lock.withLock({ processID == nil }) else { return }
        if let pid = try? await session.backendProcessID() { lock.withLock { processID = pid } }
    }

    /// The last sessions seen blocking the migration connection, e.g.
    /// `pid 4242 (psql, idle in transaction for 12 s, LOCK TABLE accounts)`; `nil` when none was seen.
    public var lastBlockers: String? { lock.withLock { blockers } }

    /// ``lastBlockers``, after waiting (at most `limit`) for a look that was under way when the statement ended: on
    /// a loaded machine the answer can arrive a little after the lock timeout that it explains.
    public func settledBlockers(waitingAtMost limit: Duration = .seconds(1)) async -> String? {
        let clock = ContinuousClock()
        let end = clock.now + limit
        while true {
            let (found, busy) = lock.withLock { (blockers, looking) }
            if found != nil || !busy || clock.now >= end { return found }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Runs `body` (one statement on the migration connection) while watching for sessions that block it.
    public func watching<T>(_ body: () async throws(StrataError) -> T) async throws(StrataError) -> T {
        guard isEnabled, let pid = lock.withLock({ processID }) else { return try await body() }
        lock.withLock {
            blockers = nil
            statementStart = ContinuousClock.now
            if watcher == nil && !closed { watcher = Task { [self] in await self.watchLoop(pid: pid) } }
        }
        defer { lock.withLock { statementStart = nil } }
        return try await body()
    }

    /// Asks the server to cancel whatever the migration connection is running (`pg_cancel_backend`); the statement
    /// then fails with SQLSTATE 57014 and its transaction rolls back. True when the request was delivered.
    @discardableResult
    public func cancelRunningStatement() async -> Bool {
        guard isEnabled, let pid = lock.withLock({ processID }), let observer = await observerSession() else { return false }
        // Only while a statement of a file runs: a cancel between statements would hit Strata's own history write
        // or the lock release instead (the run stops before the next statement anyway).
        guard lock.withLock({ statementStart != nil }) else { return false }
        let rows = try? await observer.run("SELECT pg_cancel_backend(\(pid))")
        return (try? rows?.first?.decode(Bool.self)) == true
    }

    /// Closes the second connection, if it was opened.
    public func close() async {
        let (open, loop) = lock.withLock { () -> (DatabaseSession?, Task<Void, Never>?) in
            defer {
                sibling = nil
                watcher = nil
            }
            closed = true
            return (sibling, watcher)
        }
        loop?.cancel()
        await loop?.value
        await open?.close()
    }

    /// Every 100 ms: when the current statement has run longer than `watchDelay`, note who blocks it.
    private func watchLoop(pid: Int32) async {
        let clock = ContinuousClock()
        while !Task.isCancelled {
            do { try await Task.sleep(for: .milliseconds(100)) } catch { return }
            guard let start = lock.withLock({ statementStart }), clock.now - start >= watchDelay else { continue }
            lock.withLock { looking = true }
            let observer = await observerSession()
            let found = await observer.asyncMap { await Self.describeBlockers(of: pid, on: $0) } ?? nil
            lock.withLock {
                // Kept when the statement is still the same one, or ended with no other started since (a lock
                // timeout that the answer explains).
                if let found, statementStart == start || statementStart == nil { blockers = found }
                looking = false
            }
        }
    }

    private func observerSession() async -> DatabaseSession? {
        if let open = lock.withLock({ sibling }) { return open }
        guard lock.withLock({ !closed }), let opened = try? await session.openSibling() else { return nil }
        // A connection opened after close() (a cancel racing the end of the run) is closed at once, never kept:
        // nothing would close it later.
        let kept = lock.withLock { () -> DatabaseSession? in
            if sibling == nil, !closed {
                sibling = opened
                return nil
            }
            return opened
        }
        if let extra = kept { await extra.close() }
        return lock.withLock { sibling }
    }

    /// The sessions blocking `pid`: process id, application, state with its age, and the first words of the query
    /// (never the whole query text, which could hold a secret).
    static func describeBlockers(of pid: Int32, on observer: DatabaseSession) async -> String? {
        let query: PostgresQuery = """
            SELECT string_agg(format('pid %s (%s, %s for %s s, %s)', a.pid,
                       coalesce(nullif(a.application_name, ''), 'no application_name'), coalesce(a.state, 'unknown state'),
                       coalesce(extract(epoch FROM now() - coalesce(a.xact_start, a.state_change))::bigint, 0),
                       coalesce(substring(a.query FROM '^\\s*(\\S+(\\s+\\S+){0,2})'), '')), '; ')
            FROM pg_stat_activity a WHERE a.pid = ANY(pg_blocking_pids(\(pid)))
            """
        guard let rows = try? await observer.run(query), let text = try? rows.first?.decode(String?.self) else { return nil }
        return text
    }
}

extension Optional {
    /// `map` with an async transform.
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async -> T) async -> T? {
        switch self {
        case .some(let value): return await transform(value)
        case .none: return nil
        }
    }
}
