import Foundation
import StrataPostgres

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Small process and network helpers for the tests that run their own servers (PostgreSQL, PgBouncer).
enum ServerTools {
    /// PostgreSQL and PgBouncer refuse to run as root: then they run as `postgres`, through `setpriv` (which
    /// execs, so the process id is the server's own).
    static var accountPrefix: [String] {
        guard getuid() == 0 else { return [] }
        return ["/usr/bin/setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"]
    }

    /// Gives `path` to the `postgres` account when running as root.
    static func giveToServerAccount(_ path: String) {
        guard getuid() == 0, let account = getpwnam("postgres") else { return }
        _ = chown(path, account.pointee.pw_uid, account.pointee.pw_gid)
    }

    /// The environment for server programs: a C locale and nothing that points them elsewhere.
    static var environment: [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LC_ALL": "C",
            "HOME": "/tmp",
        ]
    }

    /// Runs `executable arguments…` as the server account and waits (bounded); returns its status and output.
    @discardableResult
    static func run(
        _ executable: String, _ arguments: [String], within limit: Duration = .seconds(90)
    ) async throws -> StrataProcess.Outcome {
        let prefix = accountPrefix
        let process = try StrataProcess.launch(
            prefix.first ?? executable, Array(prefix.dropFirst()) + (prefix.isEmpty ? [] : [executable]) + arguments,
            in: "/", environment: environment)
        defer { process.stop() }
        return await process.finish(within: limit).outcome
    }

    /// Starts `executable arguments…` as the server account without waiting.
    static func start(_ executable: String, _ arguments: [String]) throws -> StrataProcess {
        let prefix = accountPrefix
        return try StrataProcess.launch(
            prefix.first ?? executable, Array(prefix.dropFirst()) + (prefix.isEmpty ? [] : [executable]) + arguments,
            in: "/", environment: environment)
    }

    /// A TCP port on 127.0.0.1 that nothing listens on right now (bound to port 0, read back, closed).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CheckFailure("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw CheckFailure("bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw CheckFailure("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func accepts(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Polls until 127.0.0.1:`port` accepts connections, at most `limit`.
    static func waitForListener(port: Int, within limit: Duration = .seconds(20)) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while clock.now < deadline {
            if accepts(port: port) { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// A new folder under /tmp that the server account can read (0755, owned by it when running as root).
    static func makeFolder(_ prefix: String) throws -> String {
        let path = "/tmp/" + prefix + "-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        chmod(path, 0o755)
        giveToServerAccount(path)
        return path
    }

    /// Writes `text` to `path`, readable by the server account.
    static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, mode)
        giveToServerAccount(path)
    }
}
