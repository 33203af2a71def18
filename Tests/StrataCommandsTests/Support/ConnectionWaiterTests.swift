import Logging
import StrataCore
import Testing

@testable import StrataCommands

/// `--wait` retries what passes by itself (a starting server, a full one) and nothing else.
@Suite struct ConnectionWaiterTests {
    final class Attempts: @unchecked Sendable {
        var count = 0
    }

    /// A generous bound: under a loaded full suite a half-second sleep can take seconds.
    func waiter(_ wait: Duration = .seconds(60)) -> ConnectionWaiter {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return ConnectionWaiter(wait: wait, logger: logger)
    }

    @Test func tooManyConnectionsIsRetriedUntilASlotIsFree() async throws {
        let attempts = Attempts()
        let value = try await waiter().connect { () throws(StrataError) -> Int in
            attempts.count += 1
            guard attempts.count > 2 else {
                throw StrataError(.connection, "sorry, too many clients already", sqlState: "53300")
            }
            return 42
        }
        #expect(value == 42)
        #expect(attempts.count == 3)
    }

    @Test("failures that waiting would not fix are thrown at once", arguments: ["28P01", "3D000", "42501"])
    func permanentFailuresAreNotRetried(state: String) async throws {
        let attempts = Attempts()
        let failure = await #expect(throws: StrataError.self) {
            try await waiter().connect { () throws(StrataError) -> Int in
                attempts.count += 1
                throw StrataError(.connection, "no", sqlState: state)
            }
        }
        #expect(failure?.sqlState == state)
        #expect(attempts.count == 1)
    }
}
