import Foundation
import Logging
import StrataCore

/// A folder holding PostgreSQL's server programs (`initdb`, `pg_ctl`, `postgres`), and where it was found.
public struct PostgresBinaries: Sendable, Equatable, CustomStringConvertible {
    /// Where a folder of server programs was found; the cases are in search order.
    public enum Source: String, Sendable, CaseIterable {
        /// The `STRATA_PG_BIN` environment variable.
        case strataPGBin = "STRATA_PG_BIN"
        /// `pg_config --bindir` (pg_config found on `PATH`).
        case pgConfig = "pg_config --bindir"
        /// The folder of `initdb` found on `PATH`.
        case path = "PATH"
        /// The newest `/usr/lib/postgresql/<version>/bin` (Debian and Ubuntu packages).
        case systemPackages = "/usr/lib/postgresql/*/bin"
        /// The `pginstall/bin` folder of pip's `pgserver` package (which carries pgvector).
        case pgserver = "pip package pgserver"
    }

    /// The programs every embedded server needs.
    static let requiredPrograms = ["initdb", "pg_ctl", "postgres"]

    /// The folder.
    public let directory: String
    /// How it was found.
    public let source: Source

    /// Creates a value for a folder known to hold the programs.
    public init(directory: String, source: Source) {
        self.directory = directory
        self.source = source
    }

    /// The full path of one program in the folder, e.g. `path(of: "pg_ctl")`.
    public func path(of program: String) -> String { directory + "/" + program }

    /// `<folder> (from <source>)`.
    public var description: String { "\(directory) (from \(source.rawValue))" }

    /// Whether `directory` holds executable `initdb`, `pg_ctl` and `postgres`.
    static func isComplete(_ directory: String) -> Bool {
        requiredPrograms.allSatisfy { FileManager.default.isExecutableFile(atPath: directory + "/" + $0) }
    }

    /// Finds the server programs, trying in order: `STRATA_PG_BIN`, `pg_config --bindir`, the folder of `initdb`
    /// on `PATH`, the newest `/usr/lib/postgresql/*/bin`, and pip's `pgserver` package. A set `STRATA_PG_BIN`
    /// that lacks the programs is an error rather than a reason to look elsewhere.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "strata.embedded")
    ) async throws(StrataError) -> PostgresBinaries {
        try await locate(environment: environment, logger: logger, systemPackagesRoot: "/usr/lib/postgresql")
    }

    /// ``locate(environment:logger:)`` with the folder of system packages replaceable (for tests).
    static func locate(
        environment: [String: String], logger: Logger, systemPackagesRoot: String
    ) async throws(StrataError) -> PostgresBinaries {
        if let configured = environment["STRATA_PG_BIN"], !configured.isEmpty {
            guard isComplete(configured) else {
                throw StrataError(
                    .embeddedServer, "STRATA_PG_BIN=\(configured) does not hold initdb, pg_ctl and postgres",
                    hint: "point STRATA_PG_BIN at the bin folder of a PostgreSQL server installation, or unset it")
            }
            return PostgresBinaries(directory: configured, source: .strataPGBin)
        }
        let searchPath = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        if let pgConfig = findOnPath("pg_config", searchPath),
            let output = try? await ProcessRunner.run(pgConfig, ["--bindir"]), output.succeeded
        {
            let directory = output.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            if isComplete(directory) { return PostgresBinaries(directory: directory, source: .pgConfig) }
            logger.debug("pg_config --bindir gave \(directory), which lacks the server programs")
        }
        if let initdb = findOnPath("initdb", searchPath) {
            let linked = (initdb as NSString).deletingLastPathComponent
            let resolved = (URL(fileURLWithPath: initdb).resolvingSymlinksInPath().path as NSString)
                .deletingLastPathComponent
            for directory in [linked, resolved] where isComplete(directory) {
                return PostgresBinaries(directory: directory, source: .path)
            }
        }
        if let directory = newestSystemPackage(in: systemPackagesRoot) {
            return PostgresBinaries(directory: directory, source: .systemPackages)
        }
        if let python = findOnPath("python3", searchPath),
            let output = try? await ProcessRunner.run(
                python, ["-c", "import pgserver, os; print(os.path.dirname(pgserver.__file__))"]),
            output.succeeded
        {
            let directory = output.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) + "/pginstall/bin"
            if isComplete(directory) { return PostgresBinaries(directory: directory, source: .pgserver) }
        }
        throw StrataError(
            .embeddedServer, "PostgreSQL server programs (initdb, pg_ctl, postgres) were not found",
            detail: "looked in: " + Source.allCases.map(\.rawValue).joined(separator: ", "),
            hint: "install them with `apt-get install postgresql` (Debian, Ubuntu) or `pip install pgserver`, "
                + "or set STRATA_PG_BIN to the folder holding initdb and pg_ctl")
    }

    private static func findOnPath(_ program: String, _ searchPath: [String]) -> String? {
        searchPath.lazy.map { $0 + "/" + program }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The highest-numbered `<root>/<version>/bin` holding the programs.
    private static func newestSystemPackage(in root: String) -> String? {
        guard let versions = try? FileManager.default.contentsOfDirectory(atPath: root) else { return nil }
        let ordered = versions.sorted { left, right in
            let l = left.split(separator: ".").map { Int($0) ?? 0 }
            let r = right.split(separator: ".").map { Int($0) ?? 0 }
            return l.lexicographicallyPrecedes(r)
        }
        return ordered.reversed().lazy.map { root + "/" + $0 + "/bin" }.first(where: isComplete)
    }
}
