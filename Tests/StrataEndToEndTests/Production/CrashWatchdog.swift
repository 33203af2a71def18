import Foundation
import StrataPostgres

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Cleans up after the test process if it dies before its own cleanup runs (a crash, a kill): a small shell
/// polls once a second whether the test process is alive and runs `command` when it is not. ``disarm()`` ends it
/// without running the command, once the test cleaned up itself.
struct CrashWatchdog {
    private let pid: pid_t?

    /// Arms a watchdog for `command` (a shell command line).
    init(command: String) {
        let script = "trap '' INT HUP; while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; " + command
        pid = try? ProcessRunner.spawn("/bin/sh", ["-c", script])
    }

    /// Ends the watchdog without running its command.
    func disarm() {
        guard let pid else { return }
        kill(pid, SIGKILL)
        _ = ProcessRunner.waitForExit(pid)
    }

    /// `text` quoted for the shell.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
