import Testing
@testable import StrataCore

/// The backoff between lock-timeout retries.
@Suite struct RetryBackoffTests {
    @Test func delaysDoubleUpToTheCapWithEqualJitter() {
        let backoff = RetryBackoff(retries: 5, initialDelay: .seconds(1), maximumDelay: .seconds(5))
        #expect((1...5).map { backoff.baseDelay(beforeRetry: $0) } == [.seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5)])
        #expect(backoff.delay(beforeRetry: 2, unitRandom: 0) == .seconds(1))
        #expect(backoff.delay(beforeRetry: 2, unitRandom: 0.5) == .milliseconds(1_500))
        #expect(backoff.delay(beforeRetry: 2, unitRandom: 7) == .seconds(2))
    }

    @Test func negativeRetriesMeanNone() {
        #expect(RetryBackoff(retries: -3, initialDelay: .zero, maximumDelay: .zero).retries == 0)
        #expect(RetryBackoff.lockTimeoutDefault.retries == 4)
    }
}
