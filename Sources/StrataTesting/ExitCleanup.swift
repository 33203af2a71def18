import Foundation
import Synchronization

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
    private struct State: Sendable {
        var command: String?
        var watchdog: Int32?
    }

    private static let state = Mutex(State())

    /// Arranges for `command` to run at exit; a later call replaces the command.
    static func install(command: String) {
        let firstInstall = state.withLock { state in
            let first = state.command == nil
            state.command = command
            return first
        }
        if let previous = state.withLock({ $0.watchdog }) { kill(previous, SIGTERM) }
        let script = "trap '' INT HUP; while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; " + command
        let watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
        watchdog.arguments = ["-c", script]
        watchdog.standardInput = FileHandle.nullDevice
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        if (try? watchdog.run()) != nil {
            state.withLock { $0.watchdog = watchdog.processIdentifier }
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
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }
}
