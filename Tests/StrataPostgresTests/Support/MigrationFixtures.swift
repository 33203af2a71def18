import Foundation
import Logging
import PostgresNIO
import StrataCore
import StrataPostgres
import StrataTesting

/// A folder of migration files written by a test, and a fresh database to run them against.
struct MigrationFixture {
    let folder: String
    let settings: ConnectionSettings

    /// Creates a fresh database and an empty temporary migrations folder.
    static func make() async throws -> MigrationFixture {
        let server = try await TemporaryPostgres.shared()
        let settings = try await server.makeDatabase(prefix: "migrator")
        let folder = try ScratchSpace.folder(prefix: "migrations")
        return MigrationFixture(folder: folder, settings: settings)
    }

    /// Writes a migration file and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = folder + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func migrations() throws -> [Migration] { try MigrationFolder(path: folder).load() }

    /// Opens a session on the fixture's database.
    func session() async throws -> DatabaseSession {
        var logger = Logger(label: "strata-tests")
        logger.logLevel = .warning
        return try await DatabaseSession.connect(
            configuration: try settings.postgresConfiguration(), target: "test database", logger: logger)
    }

    /// Runs `body` with a migrator on a fresh session, closing it afterwards.
    func withMigrator<T>(
        _ options: MigratorOptions = MigratorOptions(), _ body: (Migrator) async throws -> T
    ) async throws -> T {
        let session = try await session()
        do {
            let result = try await body(Migrator(session: session, options: options))
            await session.close()
            return result
        } catch {
            await session.close()
            throw error
        }
    }

    /// The first column of every row of `sql`, as text.
    func strings(_ sql: String) async throws -> [String] {
        let session = try await session()
        defer { Task { await session.close() } }
        let rows = try await session.run(PostgresQuery(unsafeSQL: sql))
        return try rows.map { try $0.decode(String.self) }
    }

    /// Table names in the public schema, sorted.
    func publicTables() async throws -> [String] {
        try await strings("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    }
}

extension MigrationFixture {
    /// Runs one statement on a fresh session.
    func execute(_ sql: String) async throws {
        let session = try await session()
        do {
            try await session.run(PostgresQuery(unsafeSQL: sql))
            await session.close()
        } catch {
            await session.close()
            throw error
        }
    }
}
