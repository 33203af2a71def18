import Foundation
import Logging
import StrataCore
import StrataPostgres

/// A PostgreSQL server of a test's own, for scenarios that would disturb the shared one (restarts, TLS, a server
/// that starts late). The cluster is made by ``EmbeddedPostgres`` (so running as root works as everywhere else)
/// in a folder under /tmp; ``pgCtl(_:)`` runs `pg_ctl` on it as the server account. Use it through
/// ``withDedicatedPostgres(_:)``, which stops the server and removes the folder even when the test fails.
struct DedicatedPostgres {
    let root: String
    let embedded: EmbeddedPostgres
    let binaries: PostgresBinaries
    /// Stops the server and removes the folder if the test process dies first.
    let watchdog: CrashWatchdog

    /// Creates the cluster and leaves its server running on its Unix socket only (as ``EmbeddedPostgres`` does).
    static func create(port: Int) async throws -> DedicatedPostgres {
        let root = "/tmp/strata-dedicated-" + UUID().uuidString.prefix(8).lowercased()
        var logger = Logger(label: "strata.e2e.dedicated")
        logger.logLevel = .warning
        let embedded = EmbeddedPostgres(directory: root + "/cluster", port: port, durable: false, logger: logger)
        let binaries = try await PostgresBinaries.locate(logger: logger)
        let stop = (ServerTools.accountPrefix + [binaries.path(of: "pg_ctl"), "-D", embedded.dataDirectory, "-m", "immediate", "-w", "stop"])
            .map(CrashWatchdog.quote).joined(separator: " ")
        let watchdog = CrashWatchdog(command: "\(stop) >/dev/null 2>&1; rm -rf \(CrashWatchdog.quote(root))")
        let server = DedicatedPostgres(root: root, embedded: embedded, binaries: binaries, watchdog: watchdog)
        do {
            try await embedded.start(database: nil)
        } catch {
            await server.destroy()
            throw error
        }
        return server
    }

    /// Runs `pg_ctl -D <data> arguments…` as the server account; throws with its output when it fails.
    @discardableResult
    func pgCtl(_ arguments: [String]) async throws -> StrataProcess.Outcome {
        let outcome = try await ServerTools.run(
            binaries.path(of: "pg_ctl"), ["-D", embedded.dataDirectory] + arguments)
        guard outcome.status == 0 else {
            let log = (try? String(contentsOfFile: embedded.logFile, encoding: .utf8)) ?? ""
            throw CheckFailure("pg_ctl \(arguments.joined(separator: " ")) failed: \(outcome.output)\n\(log.suffix(2000))")
        }
        return outcome
    }

    /// Starts the stopped server listening on TCP 127.0.0.1:<port> as well as on its socket, with `settings`
    /// (`-c name=value` each) added.
    func startOnTCP(_ settings: [String] = []) async throws {
        let options = [
            "-p \(embedded.port)", "-c listen_addresses=127.0.0.1", "-c unix_socket_directories=\(embedded.socketDirectory)",
            "-c fsync=off",
        ] + settings.map { "-c \($0)" }
        try await pgCtl(["-l", embedded.logFile, "-w", "-t", "60", "-o", options.joined(separator: " "), "start"])
    }

    /// Settings for `database` over the Unix socket, for the test's own checks.
    func database(_ name: String) async throws -> ProductionDatabase {
        try await embedded.createDatabase(name)
        let settings = embedded.connectionSettings(database: name)
        return ProductionDatabase(settings: settings, url: embedded.url(database: name))
    }

    /// Stops the server (fast, then immediate) and removes its folders.
    func destroy() async {
        do {
            try await embedded.stop()
        } catch {
            _ = try? await ServerTools.run(
                binaries.path(of: "pg_ctl"), ["-D", embedded.dataDirectory, "-m", "immediate", "-w", "stop"])
        }
        let socket = embedded.socketDirectory
        try? FileManager.default.removeItem(atPath: root)
        if socket.hasPrefix("/tmp/") { try? FileManager.default.removeItem(atPath: socket) }
        watchdog.disarm()
    }
}

/// Runs `body` with a dedicated server on `port` (a free TCP port by default), destroyed afterwards.
func withDedicatedPostgres<T>(
    port: Int? = nil, _ body: (DedicatedPostgres) async throws -> T
) async throws -> T {
    let server = try await DedicatedPostgres.create(port: try port ?? ServerTools.freePort())
    do {
        let value = try await body(server)
        await server.destroy()
        return value
    } catch {
        await server.destroy()
        throw error
    }
}
