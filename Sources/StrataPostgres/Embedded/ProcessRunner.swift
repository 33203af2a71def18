import Foundation
import StrataCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished child process left behind.
struct ProcessOutput: Sendable {
    /// The exit status, or 128 + the signal number when a signal ended it.
    var status: Int32
    /// Everything it wrote to standard output.
    var standardOutput: String
    /// Everything it wrote to standard error.
    var standardError: String

    /// Whether it exited with status 0.
    var succeeded: Bool { status == 0 }

    /// The last `count` lines of standard error and output, for error details.
    func tail(_ count: Int = 20) -> String {
        let lines = (standardError + "\n" + standardOutput).split(separator: "\n").map(String.init)
        return lines.suffix(count).joined(separator: "\n")
    }
}

/// Runs a program with `posix_spawn` and collects its output; the blocking reads and `waitpid` happen on dispatch
/// threads, never on Swift's cooperative threads.
///
/// Foundation's `Process` is not used: its child reaping can stall when a grandchild (the PostgreSQL server
/// started by `pg_ctl`) outlives the child, and it lets descriptors leak into that long-lived server. Here the
/// child gets only standard input (`/dev/null`), output and error: every other descriptor is closed.
package enum ProcessRunner {
    /// Runs `executable` with `arguments`; throws only when it cannot be started. A non-zero exit is in the output.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        currentDirectory: String? = nil
    ) async throws(StrataError) -> ProcessOutput {
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&outputPipe) == 0 else { throw failure(executable, "pipe") }
        guard pipe(&errorPipe) == 0 else {
            close(outputPipe[0])
            close(outputPipe[1])
            throw failure(executable, "pipe")
        }
        for descriptor in outputPipe + errorPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        let child: pid_t
        do {
            child = try spawn(
                executable, arguments, environment: environment, currentDirectory: currentDirectory,
                standardOutput: outputPipe[1], standardError: errorPipe[1])
        } catch {
            (outputPipe + errorPipe).forEach { close($0) }
            throw error
        }
        close(outputPipe[1])
        close(errorPipe[1])
        let outputDescriptor = outputPipe[0]
        let errorDescriptor = errorPipe[0]
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let collected = CollectedData()
                let group = DispatchGroup()
                group.enter()
                DispatchQueue.global().async {
                    collected.errors = readAll(errorDescriptor)
                    group.leave()
                }
                let standardOutput = readAll(outputDescriptor)
                group.wait()
                continuation.resume(
                    returning: ProcessOutput(
                        status: waitForExit(child),
                        standardOutput: String(decoding: standardOutput, as: UTF8.self),
                        standardError: String(decoding: collected.errors, as: UTF8.self)))
            }
        }
    }

    /// Starts `executable` with standard input from `/dev/null`, output and error to the given descriptors (or
    /// `/dev/null`), every other descriptor closed (where glibc allows) and default signal handling; returns its
    /// process id without waiting.
    package static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        currentDirectory: String? = nil, standardOutput: Int32? = nil, standardError: Int32? = nil
    ) throws(StrataError) -> pid_t {
        var executable = executable
        var arguments = arguments
        if let currentDirectory, SpawnExtensions.addChangeDirectory == nil {
            arguments = ["-c", "cd \"$0\" && exec \"$@\"", currentDirectory, executable] + arguments
            executable = "/bin/sh"
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let standardOutput {
            posix_spawn_file_actions_adddup2(&actions, standardOutput, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        if let standardError {
            posix_spawn_file_actions_adddup2(&actions, standardError, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        _ = SpawnExtensions.addCloseFrom?(&actions, 3)
        if let currentDirectory, let addChangeDirectory = SpawnExtensions.addChangeDirectory {
            _ = addChangeDirectory(&actions, currentDirectory)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGCHLD] { sigaddset(&defaultSignals, signal) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let environmentLines = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environmentLines.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw failure(executable, String(cString: strerror(result))) }
        return pid
    }

    /// Waits for the child `pid` (blocking) and returns its exit status, or 128 + the signal that ended it.
    package static func waitForExit(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            if errno != EINTR { return -1 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// The environment for PostgreSQL's programs: this process's, without `PG*` variables (`PGPORT`, `PGDATA`, …
    /// would change what the server and its tools do) and with a C locale for messages.
    static func serverEnvironment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        environment["LC_ALL"] = "C"
        return environment
    }

    /// Reads `descriptor` to its end and closes it.
    private static func readAll(_ descriptor: Int32) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                result.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(descriptor)
        return result
    }

    private static func failure(_ executable: String, _ reason: String) -> StrataError {
        StrataError(.embeddedServer, "cannot run \(executable)", detail: reason)
    }
}

/// Data written by one dispatch block and read by another after `DispatchGroup.wait()`, which orders the accesses.
private final class CollectedData: @unchecked Sendable {
    var errors: [UInt8] = []
}

/// glibc's `posix_spawn` extensions, looked up at run time because Swift's Glibc module does not declare them:
/// closing every inherited descriptor from a number on (glibc 2.34) and changing directory (glibc 2.29).
private enum SpawnExtensions {
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    typealias AddChangeDirectory = @convention(c) (
        UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?
    ) -> Int32

    static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
    static let addChangeDirectory: AddChangeDirectory? = symbol("posix_spawn_file_actions_addchdir_np")

    private static func symbol<Function>(_ name: String) -> Function? {
        guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, name) else { return nil }
        return unsafeBitCast(address, to: Function.self)
    }
}
