import Foundation
import Logging
import StrataCore

/// A libpq client program (`pg_dump`, `pg_restore`) new enough for a server, and where it was found.
public struct PostgresClientTool: Sendable, Equatable {
    /// The program's full path.
    public let path: String
    /// Its `--version` line, e.g. `pg_dump (PostgreSQL) 15.18 (Debian 15.18-1.pgdg120+1)`.
    public let versionLine: String
    /// Its major version.
    public let majorVersion: Int

    /// Finds `program` whose major version is at least `serverMajorVersion` (pg_dump refuses an older one), trying
    /// the places the server programs are found (`STRATA_PG_BIN`, `/usr/lib/postgresql/<server major>/bin` first,
    /// `pg_config --bindir`, `PATH`, the newest `/usr/lib/postgresql/*/bin`, pip's `pgserver`).
    public static func locate(
        _ program: String, serverMajorVersion: Int, environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "strata.tools")
    ) async throws(StrataError) -> PostgresClientTool {
        var seen: [String] = []
        for directory in await candidateDirectories(serverMajorVersion: serverMajorVersion, environment: environment) {
            let path = directory + "/" + program
            guard !seen.contains(path), FileManager.default.isExecutableFile(atPath: path) else { continue }
            seen.append(path)
            guard let output = try? await ProcessRunner.run(path, ["--version"]), output.succeeded else { continue }
            let line = output.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let major = majorVersion(ofVersionLine: line) else { continue }
            if major >= serverMajorVersion { return PostgresClientTool(path: path, versionLine: line, majorVersion: major) }
            logger.debug("\(path) is version \(major), older than the server's \(serverMajorVersion)")
        }
        throw StrataError(
            .clientTool,
            seen.isEmpty
                ? "\(program) was not found"
                : "\(program) \(serverMajorVersion) or newer was not found (the server is PostgreSQL \(serverMajorVersion))",
            detail: seen.isEmpty ? nil : "too old: " + seen.joined(separator: ", "),
            hint: "install the client programs of PostgreSQL \(serverMajorVersion): `apt-get install "
                + "postgresql-client-\(serverMajorVersion)` (Debian, Ubuntu; PGDG repository for a newer one), or set "
                + "STRATA_PG_BIN to a folder holding \(program)")
    }

    /// The major version in a `--version` line: `pg_dump (PostgreSQL) 15.18 …` gives 15, `… 9.6.24` gives 9.
    static func majorVersion(ofVersionLine line: String) -> Int? {
        guard let number = line.split(separator: " ").first(where: { $0.first?.isNumber == true }) else { return nil }
        return Int(number.prefix { $0.isNumber })
    }

    private static func candidateDirectories(
        serverMajorVersion: Int, environment: [String: String]
    ) async -> [String] {
        var directories: [String] = []
        if let configured = environment["STRATA_PG_BIN"], !configured.isEmpty { directories.append(configured) }
        directories.append("/usr/lib/postgresql/\(serverMajorVersion)/bin")
        if let binaries = try? await PostgresBinaries.locate(environment: environment) {
            directories.append(binaries.directory)
        }
        let searchPath = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        directories += searchPath
        if let versions = try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql") {
            directories += versions.compactMap(Int.init).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        }
        return directories
    }
}
