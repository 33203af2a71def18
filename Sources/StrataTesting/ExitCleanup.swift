import Foundation
import StrataPostgres

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a shell command when the test process ends, so no server outlives it: from an `atexit` hook on a normal
/// exit, and from a watchdog shell (which polls whether this process is alive once a second) when it crashes or
/// is killed. The hook stops the watchdog after running the command itself.
enum ExitCleanup {
    private static let state = LockedState()

    /// Arranges for `command` to run at exit; a later call replaces the command.
    static func install(command: String) {
        let firstInstall = state.withLock { state in
            let first = state.command == nil
            state.command = command
            return first
        }
        if let previous = state.withLock({ $0.watchdog }) { kill(previous, SIGTERM) }
        let script = "trap '' INT HUP; while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; " + command
        if let watchdog = try? ProcessRunner.spawn("/bin/sh", ["-c", script]) {
            state.withLock { $0.watchdog = watchdog }
        }
        if firstInstall { atexit { ExitCleanup.runAtExit() } }
    }

    /// The `atexit` hook: runs the command once, then ends the watchdog.
    private static func runAtExit() {
        let (command, watchdog) = state.withLock { state in
            defer { state.command = nil }
            return (state.command, state.watchdog)
        }
        guard let command else { return }
        if let watchdog { kill(watchdog, SIGTERM) }
        runShell(command)
    }

    /// Runs `/bin/sh -c command` and waits for it (no Foundation: this runs while the process exits).
    private static func runShell(_ command: String) {
        var pid: pid_t = 0
        let words: [String] = ["/bin/sh", "-c", command]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) }
        defer { arguments.forEach { free($0) } }
        var argv = arguments + [nil]
        guard posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ) == 0 else { return }
        _ = ProcessRunner.waitForExit(pid)
    }
}

/// The exit hook's state behind a lock (`Synchronization.Mutex` needs macOS 15; the package supports macOS 14).
private final class LockedState: @unchecked Sendable {
    private let lock = NSLock()
    private var value = ExitCleanupState()

    func withLock<Result>(_ body: (inout ExitCleanupState) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

/// The command to run at exit and the watchdog's process id.
private struct ExitCleanupState {
    var command: String?
    var watchdog: Int32?
}
