import Foundation
import StrataPostgres

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A `strata` (or other) process started without waiting for it, so several can race and one can be signalled or
/// killed. Standard output and error go to files in a private temporary folder (no pipe can fill up and stall the
/// child); ``finish(within:)`` waits with a bound and returns what it printed. ``stop()`` kills it if it still runs
/// and removes the folder: call it in a `defer`.
final class StrataProcess: @unchecked Sendable {
    /// The process id.
    let pid: pid_t
    private let folder: String
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// What a finished run printed, how it exited and how long it took to end after `finish` was called.
    struct Outcome: Sendable {
        let status: Int32
        let standardOutput: String
        let standardError: String
        var output: String { standardOutput + standardError }
    }

    /// Starts `strata arguments…` in `directory` with a clean environment plus `environment`.
    static func start(
        _ arguments: [String], in directory: String, environment: [String: String] = [:]
    ) throws -> StrataProcess {
        var base = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": NSTemporaryDirectory(),
            "NO_COLOR": "1",
        ]
        if let bin = ProcessInfo.processInfo.environment["STRATA_PG_BIN"] { base["STRATA_PG_BIN"] = bin }
        return try launch(StrataBinary.path, arguments, in: directory, environment: base.merging(environment) { $1 })
    }

    /// Starts any program (absolute path) with exactly `environment`.
    static func launch(
        _ executable: String, _ arguments: [String], in directory: String, environment: [String: String]
    ) throws -> StrataProcess {
        let folder = NSTemporaryDirectory() + "strata-proc-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let output = open(folder + "/stdout", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let errors = open(folder + "/stderr", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer {
            close(output)
            close(errors)
        }
        do {
            let pid = try ProcessRunner.spawn(
                executable, arguments, environment: environment, currentDirectory: directory,
                standardOutput: output, standardError: errors)
            return StrataProcess(pid: pid, folder: folder)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    private init(pid: pid_t, folder: String) {
        self.pid = pid
        self.folder = folder
    }

    /// Sends `signal` to the process (ignored once it has been reaped).
    func send(_ signal: Int32) {
        lock.withLock {
            if exitStatus == nil { _ = kill(pid, signal) }
        }
    }

    /// The exit status once the process has ended (reaps it), else `nil`.
    func poll() -> Int32? {
        lock.withLock {
            if let exitStatus { return exitStatus }
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            guard result == pid else { return nil }
            let signal = status & 0x7f
            exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
            return exitStatus
        }
    }

    /// What it printed so far to standard output.
    var standardOutput: String { read("stdout") }
    /// What it printed so far to standard error.
    var standardError: String { read("stderr") }

    /// Waits until the process ends, at most `limit`; on time-out it is killed and the outcome says so
    /// (status `nil`).
    func finish(within limit: Duration) async -> (outcome: Outcome, timedOut: Bool) {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        var timedOut = false
        while poll() == nil {
            if clock.now >= deadline {
                timedOut = true
                kill(pid, SIGKILL)
                while poll() == nil { try? await Task.sleep(for: .milliseconds(20)) }
                break
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        let outcome = Outcome(status: poll() ?? -1, standardOutput: standardOutput, standardError: standardError)
        return (outcome, timedOut)
    }

    /// Kills the process if it still runs, reaps it and removes its output folder. Safe to call twice.
    func stop() {
        if poll() == nil {
            send(SIGKILL)
            while poll() == nil { usleep(10_000) }
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func read(_ name: String) -> String {
        (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? ""
    }
}

/// Starts `count` `strata` processes at once and waits for all of them (bounded), stopping every one at the end.
func raceStrata(
    _ count: Int, _ arguments: [String], in directory: String, within limit: Duration
) async throws -> [(outcome: StrataProcess.Outcome, timedOut: Bool)] {
    var processes: [StrataProcess] = []
    defer { processes.forEach { $0.stop() } }
    for _ in 0..<count { processes.append(try StrataProcess.start(arguments, in: directory)) }
    var results: [(outcome: StrataProcess.Outcome, timedOut: Bool)] = []
    for process in processes { results.append(await process.finish(within: limit)) }
    return results
}
