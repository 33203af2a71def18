/// Runs a short DDL step again when it hit `lock_timeout` (SQLSTATE 55P03), after a jittered backoff: the step keeps
/// its lock wait short (below PostgreSQL's `deadlock_timeout`, so when its lock order crosses a writer's, Strata
/// gives way and the writer's statement succeeds), and patience comes from trying again, not from waiting long.
public struct LockTimeoutRetry: Sendable {
    /// The backoff between attempts.
    public var backoff: RetryBackoff
    /// A number in 0..<1 per retry, for the jitter (injected so tests are deterministic).
    public var unitRandom: @Sendable () -> Double

    /// Creates a retry policy.
    public init(backoff: RetryBackoff, unitRandom: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.backoff = backoff
        self.unitRandom = unitRandom
    }

    /// For sync steps: 10 retries, 100 ms doubling up to 2 s (about 10 s in all).
    public static let syncStep = LockTimeoutRetry(
        backoff: RetryBackoff(retries: 10, initialDelay: .milliseconds(100), maximumDelay: .seconds(2)))

    /// Runs `body`; on a lock timeout calls `onRetry(attempt, delay, error)`, sleeps and runs it again, up to the
    /// backoff's retries; any other error, and the last lock timeout, is thrown.
    public func run<T>(
        _ body: () async throws(StrataError) -> T,
        onRetry: (Int, Duration, StrataError) -> Void = { _, _, _ in },
        sleep: (Duration) async -> Void = { try? await Task.sleep(for: $0) }
    ) async throws(StrataError) -> T {
        var attempt = 0
        while true {
            do throws(StrataError) {
                return try await body()
            } catch {
                guard error.sqlState == "55P03", attempt < backoff.retries else { throw error }
                attempt += 1
                let delay = backoff.delay(beforeRetry: attempt, unitRandom: unitRandom())
                onRetry(attempt, delay, error)
                await sleep(delay)
            }
        }
    }
}
