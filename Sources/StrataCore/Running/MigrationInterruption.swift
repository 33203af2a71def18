import Foundation

/// A request, from outside the migrator, to stop a run: the CLI triggers it on SIGINT or SIGTERM; a server that
/// embeds Strata can trigger it on shutdown. The migrator then cancels the running statement on the server, rolls
/// the current file back, releases the lock and throws an `interrupted` error that says what was applied.
/// Two exceptions: with the table lock strategy (PgBouncer) the statement is not cancelled on the server (process ids
/// are not stable there), so the run stops when it ends; and a no-transaction file keeps the statements that already
/// committed (the history records them, and the next run resumes).
public final class MigrationInterruption: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: String?
    private var handlers: [UUID: @Sendable () -> Void] = [:]

    /// Creates an untriggered interruption.
    public init() {}

    /// Why the run was interrupted (`SIGINT`), once triggered.
    public var triggeredReason: String? { lock.withLock { reason } }

    /// True once ``trigger(reason:)`` was called.
    public var isTriggered: Bool { triggeredReason != nil }

    /// Asks the run to stop; the first reason is kept. Runs the registered handlers (outside the lock).
    public func trigger(reason: String) {
        let toRun = lock.withLock { () -> [@Sendable () -> Void] in
            guard self.reason == nil else { return [] }
            self.reason = reason
            return Array(handlers.values)
        }
        for handler in toRun { handler() }
    }

    /// Runs `handler` when the interruption is triggered (at once when it already was) until the returned token
    /// is passed to ``removeHandler(_:)``.
    package func addHandler(_ handler: @escaping @Sendable () -> Void) -> UUID {
        let token = UUID()
        let alreadyTriggered = lock.withLock { () -> Bool in
            handlers[token] = handler
            return reason != nil
        }
        if alreadyTriggered { handler() }
        return token
    }

    /// Stops running a handler.
    package func removeHandler(_ token: UUID) {
        _ = lock.withLock { handlers.removeValue(forKey: token) }
    }
}
