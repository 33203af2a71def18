import Foundation
import Logging
import PostgresNIO
import StrataPostgres
import StrataTesting

/// A database on the test server for adopt and convert tests, with SQL and other tools run against it.
struct ToolDatabase {
    let settings: ConnectionSettings
    let url: String

    static func make() async throws -> ToolDatabase {
        let server = try await TemporaryPostgres.shared()
        let settings = try await server.makeDatabase(prefix: "tool")
        return ToolDatabase(settings: settings, url: server.url(for: settings))
    }

    /// Runs each statement, in order.
    func run(_ statements: [String]) async throws {
        var logger = Logger(label: "strata-e2e")
        logger.logLevel = .warning
        let session = try await DatabaseSession.connect(
            configuration: try settings.postgresConfiguration(), target: "test", logger: logger)
        do {
            for statement in statements { try await session.run(PostgresQuery(unsafeSQL: statement)) }
            await session.close()
        } catch {
            await session.close()
            throw error
        }
    }

    /// The first column of every row of `sql`, as text.
    func strings(_ sql: String) async throws -> [String] {
        var logger = Logger(label: "strata-e2e")
        logger.logLevel = .warning
        let session = try await DatabaseSession.connect(
            configuration: try settings.postgresConfiguration(), target: "test", logger: logger)
        do {
            let rows = try await session.run(PostgresQuery(unsafeSQL: sql))
            let values = try rows.map { try $0.decode(String.self) }
            await session.close()
            return values
        } catch {
            await session.close()
            throw error
        }
    }

    /// `pg_dump --schema-only` of the database without Strata's schema and without pg_dump's per-run
    /// `\restrict` keys, so two databases with the same objects compare equal.
    func schemaDump() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ToolPaths.pgDump)
        process.arguments = [
            "--schema-only", "--no-owner", "--exclude-schema=strata", "-h", settings.host, "-p", String(settings.port),
            "-U", settings.user, settings.database,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("\\restrict") && !$0.hasPrefix("\\unrestrict") && !$0.hasPrefix("-- Dumped") }
            .joined(separator: "\n")
    }
}

/// Where the other programs the tests drive live.
enum ToolPaths {
    /// `pg_dump` next to the server's binaries.
    static var pgDump: String {
        if let bin = ProcessInfo.processInfo.environment["STRATA_PG_BIN"] { return bin + "/pg_dump" }
        let root = "/usr/lib/postgresql"
        let majors = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        return majors.last.map { "\(root)/\($0)/bin/pg_dump" } ?? "pg_dump"
    }

    /// The real `sql-migrate` binary (Debian package `sql-migrate`; scripts/ensure-tools.sh installs it).
    static let sqlMigrate = "/usr/bin/sql-migrate"

    /// Runs `program arguments…` in `directory`; returns its status and output.
    static func run(_ program: String, _ arguments: [String], in directory: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

extension ProjectFolder {
    /// Replaces `db/migrations` with a copy of a format fixture folder of StrataCoreTests.
    func useFormatFixture(_ tool: String) throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("StrataCoreTests/Fixtures/Formats/\(tool)").path
        try FileManager.default.removeItem(atPath: path + "/db/migrations")
        try FileManager.default.copyItem(atPath: source, toPath: path + "/db/migrations")
    }

    /// Removes the project folder.
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
