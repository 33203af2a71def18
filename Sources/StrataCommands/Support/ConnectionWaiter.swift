import Logging
import StrataCore
import StrataPostgres

/// `--wait DURATION`: retries a connection while the server is down, starting up or full (refused, unreachable,
/// SQLSTATE 57P03 "starting up", 53300 "too many connections"), every half second, until the wait is over. A wrong
/// password or a missing database fails at once: waiting would not fix them.
struct ConnectionWaiter {
    let wait: Duration
    let logger: Logger

    func connect<Connection>(
        _ attempt: () async throws(StrataError) -> Connection
    ) async throws(StrataError) -> Connection {
        let clock = ContinuousClock()
        let deadline = clock.now + wait
        var announced = false
        while true {
            do throws(StrataError) {
                return try await attempt()
            } catch {
                guard Self.isWorthWaiting(error), clock.now < deadline else { throw error }
                if !announced {
                    announced = true
                    logger.notice("the server is not accepting connections yet (\(error.message)); waiting up to \(wait)")
                }
                do {
                    try await Task.sleep(for: min(.milliseconds(500), deadline - clock.now))
                } catch {
                    throw StrataError(.interrupted, "interrupted while waiting for the server")
                }
            }
        }
    }

    /// True for failures that pass by themselves: a server that is starting, or one whose connection slots are
    /// all taken for now.
    static func isWorthWaiting(_ error: StrataError) -> Bool {
        guard error.code == .connection else { return false }
        guard let state = error.sqlState else { return true }
        return state == "57P03" || state == "53300" || state.hasPrefix("08")
    }
}
