import Foundation
import StrataCore

/// What a finished child process left behind.
struct ProcessOutput: Sendable {
    /// The exit status (or the signal number when it was killed by one).
    var status: Int32
    /// Everything it wrote to standard output.
    var standardOutput: String
    /// Everything it wrote to standard error.
    var standardError: String

    /// Whether it exited with status 0.
    var succeeded: Bool { status == 0 }

    /// The last `count` non-empty lines of standard error and output, for error details.
    func tail(_ count: Int = 20) -> String {
        let lines = (standardError + "\n" + standardOutput).split(separator: "\n").map(String.init)
        return lines.suffix(count).joined(separator: "\n")
    }
}

/// Runs a program and collects its output without blocking Swift's cooperative threads: the waiting happens on a
/// dispatch queue. Standard input is `/dev/null`.
enum ProcessRunner {
    /// Runs `executable` with `arguments`; throws only when it cannot be started. A non-zero exit is in the output.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        currentDirectory: String? = nil
    ) async throws(StrataError) -> ProcessOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw StrataError(.embeddedServer, "cannot run \(executable)", detail: "\(error)")
        }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let collected = CollectedData()
                let group = DispatchGroup()
                group.enter()
                DispatchQueue.global().async {
                    collected.errors = errors.fileHandleForReading.readDataToEndOfFile()
                    group.leave()
                }
                let standardOutput = output.fileHandleForReading.readDataToEndOfFile()
                group.wait()
                process.waitUntilExit()
                continuation.resume(
                    returning: ProcessOutput(
                        status: process.terminationStatus,
                        standardOutput: String(decoding: standardOutput, as: UTF8.self),
                        standardError: String(decoding: collected.errors, as: UTF8.self)))
            }
        }
    }

    /// The environment for PostgreSQL's programs: this process's, without `PG*` variables (`PGPORT`, `PGDATA`, …
    /// would change what the server and its tools do) and with a C locale for messages.
    static func serverEnvironment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        environment["LC_ALL"] = "C"
        return environment
    }
}

/// Data written by one dispatch block and read by another after `DispatchGroup.wait()`, which orders the accesses.
private final class CollectedData: @unchecked Sendable {
    var errors = Data()
}
