/// Another tool's history table, as read from the database, before Strata interprets it.
public enum ForeignHistory: Sendable, Hashable {
    /// `flyway_schema_history`: every row, in `installed_rank` order.
    case flyway([FlywayHistoryRow])
    /// golang-migrate's `schema_migrations`: the one current version and its dirty flag (`nil` when empty).
    case golangMigrate(version: Int64?, dirty: Bool)
    /// dbmate's `schema_migrations` or Diesel's `__diesel_schema_migrations`: one row per applied version.
    case versions([String])
    /// `goose_db_version`: every row in `id` order (the last row of a version says whether it is applied).
    case goose([GooseHistoryRow])
    /// sql-migrate's `gorp_migrations`: the file names applied.
    case sqlMigrate([String])

    /// The table each tool creates, by the format its folders have.
    public static func defaultTable(for format: MigrationFormat) -> String? {
        switch format {
        case .flyway: return "flyway_schema_history"
        case .golangMigrate, .dbmate: return "schema_migrations"
        case .goose: return "goose_db_version"
        case .sqlMigrate: return "gorp_migrations"
        case .diesel: return "__diesel_schema_migrations"
        case .native: return nil
        }
    }
}

/// One row of `flyway_schema_history`.
public struct FlywayHistoryRow: Sendable, Hashable {
    /// `installed_rank`.
    public var installedRank: Int
    /// `version`; `nil` for a repeatable migration.
    public var version: String?
    /// `type`: `SQL`, `JDBC`, `BASELINE`, `SCHEMA`, `UNDO_SQL`, `DELETE`, …
    public var type: String
    /// `script`: the file name (`V1__init.sql`, `R__views.sql`).
    public var script: String
    /// `checksum`: Flyway's CRC32 of the file's lines.
    public var checksum: Int32?
    /// `success`.
    public var success: Bool

    /// Creates a row.
    public init(installedRank: Int, version: String?, type: String, script: String, checksum: Int32?, success: Bool) {
        self.installedRank = installedRank
        self.version = version
        self.type = type
        self.script = script
        self.checksum = checksum
        self.success = success
    }
}

/// One row of `goose_db_version`.
public struct GooseHistoryRow: Sendable, Hashable {
    /// `id`.
    public var id: Int64
    /// `version_id`.
    public var versionID: Int64
    /// `is_applied`.
    public var isApplied: Bool

    /// Creates a row.
    public init(id: Int64, versionID: Int64, isApplied: Bool) {
        self.id = id
        self.versionID = versionID
        self.isApplied = isApplied
    }
}
