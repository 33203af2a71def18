import Dispatch
import Foundation
import StrataCore
import StrataPostgres

/// SIGINT and SIGTERM while a command changes the database: the first signal triggers the run's
/// `MigrationInterruption` (the running statement is cancelled on the server, its file rolled back, the lock
/// released, and the command exits 130 with a summary); a second signal quits at once. Commands that only read
/// never install it, so Ctrl-C stops them as usual.
final class InterruptSignals: @unchecked Sendable {
    /// The process's handler.
    static let shared = InterruptSignals()

    private let interruption = MigrationInterruption()
    private let lock = NSLock()
    private var sources: [DispatchSourceSignal] = []

    /// Installs the handlers (once) and returns the interruption they trigger.
    func installed() -> MigrationInterruption {
        lock.withLock {
            guard sources.isEmpty else { return }
            for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [interruption] in
                    if interruption.isTriggered {
                        Console.standardError.write("strata: \(name) again: quitting without waiting for the rollback\n")
                        exit(ExitStatus.interrupted.rawValue)
                    }
                    Console.standardError.write(
                        "strata: \(name): cancelling the running statement and rolling back (send it again to quit at once)\n")
                    interruption.trigger(reason: name)
                }
                source.resume()
                sources.append(source)
            }
        }
        return interruption
    }
}
