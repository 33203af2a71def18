/// The layout of a migrations folder: Strata's own, or another tool's, read as that tool writes it.
public enum MigrationFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Strata's native files: `<version>_<name>.sql` with `-- strata:up` / `-- strata:down` (docs/file-format.md).
    case native
    /// Flyway: `V<version>__<desc>.sql`, `U<version>__<desc>.sql` (undo), `R__<desc>.sql` (repeatable).
    case flyway
    /// golang-migrate: `<version>_<title>.up.sql` / `.down.sql` (also `V0001.Name.up.sql`).
    case golangMigrate = "golang-migrate"
    /// dbmate: `-- migrate:up` / `-- migrate:down` sections, `transaction:false`.
    case dbmate
    /// goose: `-- +goose Up` / `-- +goose Down`, `NO TRANSACTION`, `StatementBegin` / `StatementEnd`.
    case goose
    /// sql-migrate: `-- +migrate Up` / `Down`, `notransaction`, `StatementBegin` / `StatementEnd`.
    case sqlMigrate = "sql-migrate"
    /// Diesel: `<timestamp>_<name>/up.sql` and `down.sql`, `metadata.toml` with `run_in_transaction`.
    case diesel

    /// The name as written on the command line (`golang-migrate`).
    public var description: String { rawValue }

    /// The format named `text` (`flyway`, `golang-migrate`, …; `migrate` and `sqlmigrate` are accepted too).
    public init?(named text: String) {
        let lowered = text.lowercased()
        switch lowered {
        case "migrate", "golang_migrate", "golangmigrate": self = .golangMigrate
        case "sqlmigrate", "sql_migrate": self = .sqlMigrate
        case "strata": self = .native
        default:
            guard let format = MigrationFormat(rawValue: lowered) else { return nil }
            self = format
        }
    }

    /// Every format's name, for messages: `native, flyway, golang-migrate, …`.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
