/// How often and how patiently a migration is retried after a lock timeout (SQLSTATE 55P03): exponential backoff
/// with jitter, so replicas that collide do not retry in step.
public struct RetryBackoff: Sendable, Hashable {
    /// Retries after the first attempt (0 = fail on the first lock timeout).
    public var retries: Int
    /// The delay before the first retry, before jitter.
    public var initialDelay: Duration
    /// The longest delay between two attempts, before jitter.
    public var maximumDelay: Duration

    /// The defaults: 4 retries, 1 s doubling up to 15 s (about 30 s of retrying before the run fails).
    public static let lockTimeoutDefault = RetryBackoff(retries: 4, initialDelay: .seconds(1), maximumDelay: .seconds(15))

    /// Creates a policy; negative retries count as none.
    public init(retries: Int, initialDelay: Duration, maximumDelay: Duration) {
        self.retries = max(0, retries)
        self.initialDelay = initialDelay
        self.maximumDelay = max(initialDelay, maximumDelay)
    }

    /// The delay before retry number `attempt` (1 for the first retry), without jitter: doubling from
    /// `initialDelay`, capped at `maximumDelay`.
    public func baseDelay(beforeRetry attempt: Int) -> Duration {
        var delay = initialDelay
        var step = 1
        while step < attempt && delay < maximumDelay {
            delay = delay * 2
            step += 1
        }
        return min(delay, maximumDelay)
    }

    /// The delay before retry `attempt` with "equal jitter": half the base delay plus a random share of the other
    /// half. `unitRandom` is a number in 0..<1 (injected so tests are deterministic).
    public func delay(beforeRetry attempt: Int, unitRandom: Double) -> Duration {
        let base = baseDelay(beforeRetry: attempt)
        let fraction = min(max(unitRandom, 0), 1)
        return base / 2 + (base / 2) * fraction
    }
}
