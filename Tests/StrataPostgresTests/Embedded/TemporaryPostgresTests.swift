import Foundation
import Logging
import PostgresNIO
import StrataCore
import StrataPostgres
import StrataTesting
import Testing

/// The shared test server hands out fresh, separate databases.
@Suite struct TemporaryPostgresTests {
    private let logger = Logger(label: "strata.tests")

    private func query(_ settings: ConnectionSettings, _ sql: String) async throws -> [PostgresRow] {
        let connection = try await PostgresConnection.connect(
            configuration: try settings.postgresConfiguration(), id: 1, logger: logger)
        do {
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect()
            try await connection.close()
            return rows
        } catch {
            try? await connection.close()
            throw error
        }
    }

    @Test func twoDatabasesAreDistinctAndConnectable() async throws {
        let postgres = try await TemporaryPostgres.shared()
        let first = try await postgres.makeDatabase(prefix: "Two Databases!")
        let second = try await postgres.makeDatabase(prefix: "Two Databases!")
        #expect(first.database != second.database)
        #expect(first.database.hasPrefix("two_databases__"))

        #expect(try await query(first, "SELECT current_database()::text").first?.decode(String.self) == first.database)
        #expect(try await query(second, "SELECT current_database()::text").first?.decode(String.self) == second.database)

        _ = try await query(first, "CREATE TABLE only_in_first (id int)")
        let inSecond = try await query(second, "SELECT count(*)::int FROM pg_tables WHERE tablename = 'only_in_first'")
        #expect(try inSecond.first?.decode(Int.self) == 0)
        let userTables = try await query(second, "SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public'")
        #expect(try userTables.first?.decode(Int.self) == 0)

        let url = postgres.url(for: first)
        #expect(try ConnectionSettings.parse(url, environment: [:]) == first)
        try await postgres.dropDatabase(second)
    }

    @Test func everyCallerSharesOneServer() async throws {
        async let a = TemporaryPostgres.shared()
        async let b = TemporaryPostgres.shared()
        let (first, second) = try await (a, b)
        #expect(first.adminSettings == second.adminSettings)
        #expect(first.server.directory == second.server.directory)
    }
}
