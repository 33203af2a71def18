import Foundation
import Logging
import PostgresNIO
import StrataCore
import Testing

@testable import StrataPostgres

/// The embedded server against real PostgreSQL binaries: create, start, connect, stop, restart.
@Suite(.serialized) struct EmbeddedPostgresTests {
    private let logger = Logger(label: "strata.tests")

    /// Runs `body` on a cluster in a fresh folder; stops the server and removes the folder afterwards.
    private func withCluster(
        nested: String = "", _ body: (EmbeddedPostgres) async throws -> Void
    ) async throws {
        let root = "/tmp/strata-ept-" + String(UUID().uuidString.prefix(8)).lowercased()
        let server = EmbeddedPostgres(directory: root + nested + "/.strata/postgres", durable: false, logger: logger)
        do {
            try await body(server)
        } catch {
            try? await server.stop()
            try? FileManager.default.removeItem(atPath: root)
            throw error
        }
        try await server.stop()
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Connects with the mapped configuration, runs `sql` (which returns one text column) and closes.
    private func queryText(_ settings: ConnectionSettings, _ sql: String) async throws -> String {
        let connection = try await PostgresConnection.connect(
            configuration: try settings.postgresConfiguration(), id: 1, logger: logger)
        do {
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect()
            try await connection.close()
            return try #require(rows.first).decode(String.self)
        } catch {
            try? await connection.close()
            throw error
        }
    }

    @Test func initStartConnectStopRestart() async throws {
        try await withCluster { server in
            #expect(server.status() == .notInitialized)
            let settings = try await server.start()
            guard case .running = server.status() else {
                Issue.record("expected a running server, got \(server.status())")
                return
            }
            #expect(settings.database == "strata_dev")
            #expect(settings.user == "postgres")
            #expect(settings.password == nil)
            #expect(settings.host == server.directory)

            let connection = try await PostgresConnection.connect(
                configuration: try settings.postgresConfiguration(), id: 1, logger: logger)
            let one = try await connection.query("SELECT 1", logger: logger).collect()
            try await connection.close()
            #expect(try one.first?.decode(Int.self) == 1)

            #expect(try await queryText(settings, "SELECT current_database()::text") == "strata_dev")
            #expect(try await queryText(settings, "SELECT current_setting('listen_addresses')") == "")
            #expect(try await queryText(settings, "SELECT current_setting('application_name')") == "strata")
            #expect(try await queryText(settings, "SELECT pg_encoding_to_char(encoding)::text FROM pg_database WHERE datname = 'strata_dev'") == "UTF8")

            let parsed = try ConnectionSettings.parse(server.url(), environment: [:])
            #expect(parsed == settings)

            if geteuid() == 0 {
                let owner = try FileManager.default.attributesOfItem(atPath: server.dataDirectory)[.ownerAccountName]
                #expect(owner as? String == "postgres")
            }

            try await server.stop()
            #expect(server.status() == .stopped)
            #expect(!FileManager.default.fileExists(atPath: settings.unixSocketPath ?? ""))

            try await server.start()
            #expect(try await queryText(settings, "SELECT current_database()::text") == "strata_dev")
            try await server.start()
            try await server.createDatabase("second db")
            #expect(try await queryText(server.connectionSettings(database: "second db"), "SELECT current_database()::text") == "second db")
        }
    }

    @Test func longFolderGetsAShortSocketFolder() async throws {
        try await withCluster(nested: String(repeating: "/nested-folder", count: 7)) { server in
            #expect((server.directory + "/.s.PGSQL.5432").utf8.count > ConnectionSettings.maximumSocketPathLength)
            // A private folder on the way: as root, the server's 'postgres' account must still get through.
            let privateFolder = (server.directory as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: privateFolder, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: privateFolder)
            let settings = try await server.start(database: "app")
            if geteuid() == 0 {
                let mode = try FileManager.default.attributesOfItem(atPath: privateFolder)[.posixPermissions] as? Int
                #expect(mode == 0o701)
            }
            #expect(settings.host.hasPrefix("/tmp/strata-"))
            #expect(SocketDirectory.remembered(in: server.directory) == settings.host)
            #expect(try await queryText(settings, "SELECT current_database()::text") == "app")
            try await server.stop()
            try? FileManager.default.removeItem(atPath: settings.host)
        }
    }

    @Test func incompleteBinaryFolderStopsBeforeCreatingAnything() async throws {
        let folder = "/tmp/strata-ept-empty-" + String(UUID().uuidString.prefix(8))
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = EmbeddedPostgres(directory: folder + "/cluster", environment: ["STRATA_PG_BIN": folder])
        let error = try await #require(throws: StrataError.self) { try await server.start() }
        #expect(error.code == .embeddedServer)
        #expect(server.status() == .notInitialized)
    }
}
