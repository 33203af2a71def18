import Foundation
import Logging
import StrataCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The operating-system account the embedded server runs as.
///
/// PostgreSQL refuses to run as root, so when Strata runs as root the server's programs are started as the
/// `postgres` account (through `runuser`, or `su` where `runuser` is missing), its folders are given to that
/// account, and folders above them that the account cannot enter get the search (`x`) bit for others.
/// Otherwise everything runs as the current user.
struct ServerAccount: Sendable {
    /// The account to switch to, or `nil` to run as the current user.
    let switchTo: OperatingSystemUser?
    /// `runuser` or `su`, when switching.
    private let switcher: String?

    /// The account for this process: itself, or `postgres` when running as root.
    static func forCurrentProcess() throws(StrataError) -> ServerAccount {
        guard OperatingSystemUser.isRoot else { return ServerAccount(switchTo: nil, switcher: nil) }
        guard let postgres = OperatingSystemUser.named("postgres") else {
            throw StrataError(
                .embeddedServer, "running as root, but there is no 'postgres' account to run the server as",
                detail: "PostgreSQL refuses to run as root",
                hint: "create the account (`useradd --system postgres`; `apt-get install postgresql` does it) "
                    + "or run Strata as an ordinary user")
        }
        let candidates = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/su", "/usr/bin/su"]
        guard let switcher = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw StrataError(
                .embeddedServer, "running as root, but neither runuser nor su is available to start the server as 'postgres'")
        }
        return ServerAccount(switchTo: postgres, switcher: switcher)
    }

    /// The account's name, for messages.
    var name: String { switchTo?.name ?? OperatingSystemUser.current()?.name ?? "the current user" }

    /// The program and arguments that run `executable arguments…` as this account.
    func command(_ executable: String, _ arguments: [String]) -> (executable: String, arguments: [String]) {
        guard let switchTo, let switcher else { return (executable, arguments) }
        if switcher.hasSuffix("runuser") {
            return (switcher, ["-u", switchTo.name, "--", executable] + arguments)
        }
        let line = ([executable] + arguments).map(ShellQuoting.quote).joined(separator: " ")
        return (switcher, [switchTo.name, "-s", "/bin/sh", "-c", line])
    }

    /// A shell command line that runs `executable arguments…` as this account.
    func shellLine(_ executable: String, _ arguments: [String]) -> String {
        let (program, arguments) = command(executable, arguments)
        return ([program] + arguments).map(ShellQuoting.quote).joined(separator: " ")
    }

    /// Runs `executable arguments…` as this account with the server environment, from `/` (a folder every account
    /// can enter).
    func run(_ executable: String, _ arguments: [String]) async throws(StrataError) -> ProcessOutput {
        let (program, arguments) = command(executable, arguments)
        return try await ProcessRunner.run(
            program, arguments, environment: ProcessRunner.serverEnvironment(), currentDirectory: "/")
    }

    /// Creates `path` (and its parents) if needed, with mode 0700, owned by this account.
    func createPrivateDirectory(_ path: String) throws(StrataError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw StrataError(.embeddedServer, "cannot create the folder \(path)", detail: "\(error)")
        }
        if let switchTo, chown(path, switchTo.uid, switchTo.gid) != 0 {
            throw StrataError(
                .embeddedServer, "cannot give the folder \(path) to the '\(switchTo.name)' account",
                detail: String(cString: strerror(errno)))
        }
        guard chmod(path, 0o700) == 0 else {
            throw StrataError(
                .embeddedServer, "cannot restrict the permissions of \(path)", detail: String(cString: strerror(errno)))
        }
    }

    /// Makes sure this account can reach `path` (a folder) and run `program`: when switching accounts, folders
    /// above them that others cannot enter get the search bit for others (logged). Throws with an explanation when
    /// that is not enough.
    func ensureReachable(_ path: String, program: String, logger: Logger) async throws(StrataError) {
        guard let switchTo else { return }
        if try await canReach(path, program: program) { return }
        for target in [path, program] {
            var ancestor = (target as NSString).deletingLastPathComponent
            while !ancestor.isEmpty, ancestor != "/" {
                var info = stat()
                if stat(ancestor, &info) == 0, info.st_mode & S_IXOTH == 0, info.st_uid != switchTo.uid {
                    if chmod(ancestor, (info.st_mode & 0o7777) | S_IXOTH) == 0 {
                        logger.notice(
                            "made \(ancestor) searchable by others so the '\(switchTo.name)' account can reach \(target)")
                    }
                }
                ancestor = (ancestor as NSString).deletingLastPathComponent
            }
        }
        if try await canReach(path, program: program) { return }
        throw StrataError(
            .embeddedServer,
            "the embedded server runs as '\(switchTo.name)' (PostgreSQL refuses root), which cannot reach \(path) "
                + "or \(program)",
            hint: "move the project (or set STRATA_PG_BIN) to a place the '\(switchTo.name)' account can enter, "
                + "or run Strata as an ordinary user")
    }

    private func canReach(_ path: String, program: String) async throws(StrataError) -> Bool {
        let output = try await run("/bin/sh", ["-c", "test -w \"$1\" && test -x \"$1\" && test -x \"$2\"", "sh", path, program])
        return output.succeeded
    }
}

/// POSIX shell quoting.
enum ShellQuoting {
    /// `text` in single quotes, with embedded single quotes written as `'\''`.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
