import Foundation
import Logging
import StrataCore
import StrataTesting
import Testing

@testable import StrataPostgres

/// How pg_dump and pg_restore are found and called: the password only in their environment.
@Suite struct ClientToolTests {
    @Test func thePasswordTravelsOnlyAsPGPASSWORDAndForeignPGVariablesAreDropped() {
        let settings = ConnectionSettings(
            host: "db.example", port: 6543, user: "app", password: "s3cret", database: "shop", sslMode: .require,
            options: "-c search_path=app")
        let environment = settings.clientEnvironment(
            base: ["PATH": "/bin", "PGPASSWORD": "old", "PGSERVICE": "other", "PGPASSFILE": "/x"])
        #expect(environment["PGPASSWORD"] == "s3cret")
        #expect(environment["PGHOST"] == "db.example")
        #expect(environment["PGPORT"] == "6543")
        #expect(environment["PGUSER"] == "app")
        #expect(environment["PGDATABASE"] == "shop")
        #expect(environment["PGSSLMODE"] == "require")
        #expect(environment["PGOPTIONS"] == "-c search_path=app")
        #expect(environment["PGSERVICE"] == nil)
        #expect(environment["PGPASSFILE"] == nil)
        #expect(environment["PATH"] == "/bin")
        var withoutPassword = settings
        withoutPassword.password = nil
        #expect(withoutPassword.clientEnvironment(base: ["PGPASSWORD": "old"])["PGPASSWORD"] == nil)
    }

    @Test func majorVersionOfAVersionLine() {
        #expect(PostgresClientTool.majorVersion(ofVersionLine: "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)") == 15)
        #expect(PostgresClientTool.majorVersion(ofVersionLine: "pg_restore (PostgreSQL) 9.6.24") == 9)
        #expect(PostgresClientTool.majorVersion(ofVersionLine: "nonsense") == nil)
    }

    @Test func aPgDumpOlderThanTheServerIsRefusedNamingThePackage() async throws {
        do {
            _ = try await PostgresClientTool.locate(
                "pg_dump", serverMajorVersion: 99, environment: ["PATH": "/nonexistent"])
            Issue.record("a pg_dump 99 was found")
        } catch {
            #expect(error.code == .clientTool)
            #expect(error.hint?.contains("postgresql-client-99") == true)
        }
    }

    @Test func aBackupOfARealDatabaseHasAManifestThatVerifies() async throws {
        let server = try await TemporaryPostgres.shared()
        let settings = try await server.makeDatabase(prefix: "backupunit")
        var logger = Logger(label: "test")
        logger.logLevel = .error
        let session = try await DatabaseSession.connect(
            configuration: try settings.postgresConfiguration(), target: "test", logger: logger)
        let folder = try ScratchSpace.folder(prefix: "backup")
        let path = folder + "/x.dump"
        let manifest = try await session.closing { session throws(StrataError) in
            try await session.run("CREATE TABLE t (id int)")
            return try await DatabaseBackup.take(
                settings: settings, session: session, history: HistoryTable(), to: path, toolVersion: "test", logger: logger)
        }
        #expect(manifest.database == settings.database)
        #expect(manifest.newestMigration == nil)
        #expect(manifest.dumpTool.hasPrefix("pg_dump (PostgreSQL) "))
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
        #expect(try DatabaseRestore.verifiedManifest(forDump: path) == manifest)
    }
}
