import PostgresNIO
import StrataCore

/// Reads another tool's history table as that tool creates it.
struct ForeignHistoryReader: Sendable {
    let session: DatabaseSession

    /// The rows of `table` (a name as the tool writes it, optionally schema-qualified) for a `format` folder.
    func read(_ format: MigrationFormat, table: String) async throws(StrataError) -> ForeignHistory {
        let rows = try await session.run("SELECT to_regclass(\(table))::text")
        let found: String?? = try? rows.first?.decode(String?.self)
        guard let resolvedName = found, let resolved = resolvedName else {
            throw StrataError(
                .usage, "this database has no table \(table) (looked up on the search_path)",
                hint: "connect to the database \(format) migrated, or name the table with --table SCHEMA.NAME")
        }
        do {
            switch format {
            case .flyway:
                let result = try await session.run(PostgresQuery(unsafeSQL: """
                    SELECT installed_rank, version::text, type::text, script::text, checksum, success
                    FROM \(resolved) ORDER BY installed_rank
                    """))
                return .flyway(try result.map { row in
                    let (rank, version, type, script, checksum, success) = try row.decode(
                        (Int32, String?, String, String, Int32?, Bool).self)
                    return FlywayHistoryRow(
                        installedRank: Int(rank), version: version, type: type, script: script, checksum: checksum,
                        success: success)
                })
            case .golangMigrate:
                let result = try await session.run(PostgresQuery(unsafeSQL: "SELECT version::bigint, dirty FROM \(resolved) LIMIT 1"))
                guard let row = result.first else { return .golangMigrate(version: nil, dirty: false) }
                let (version, dirty) = try row.decode((Int64, Bool).self)
                return .golangMigrate(version: version, dirty: dirty)
            case .dbmate, .diesel:
                let result = try await session.run(PostgresQuery(unsafeSQL: "SELECT version::text FROM \(resolved) ORDER BY 1"))
                return .versions(try result.map { try $0.decode(String.self) })
            case .goose:
                let result = try await session.run(PostgresQuery(
                    unsafeSQL: "SELECT id::bigint, version_id::bigint, is_applied FROM \(resolved) ORDER BY id"))
                return .goose(try result.map { row in
                    let (id, version, applied) = try row.decode((Int64, Int64, Bool).self)
                    return GooseHistoryRow(id: id, versionID: version, isApplied: applied)
                })
            case .sqlMigrate:
                let result = try await session.run(PostgresQuery(unsafeSQL: "SELECT id::text FROM \(resolved) ORDER BY 1"))
                return .sqlMigrate(try result.map { try $0.decode(String.self) })
            case .native:
                throw StrataError(.usage, "adopt reads another tool's history; the native format has none")
            }
        } catch let error as StrataError {
            throw error
        } catch {
            throw StrataError(
                .validation, "\(resolved) does not look like \(format)'s history table", detail: String(describing: error),
                hint: "check --from and --table")
        }
    }
}
