import PostgresNIO
import StrataCore

/// `strata adopt`: records the migrations another tool applied as applied in Strata's history, with the checksums
/// of the files on disk, in one transaction with an `adopt` event, so that `strata migrate` runs only what is new.
public struct Adopter: Sendable {
    /// What an adoption recorded.
    public struct Result: Sendable {
        /// The table read.
        public var table: String
        /// Versions recorded as applied.
        public var applied: [MigrationVersion]
        /// Versions recorded as baselined (below a Flyway baseline).
        public var baselined: [MigrationVersion]
        /// Repeatable migrations recorded as applied.
        public var repeatables: [String]
        /// Notes that did not stop the adoption.
        public var warnings: [String]
    }

    /// The session to work on.
    public let session: DatabaseSession
    /// Run-wide settings (the history schema, the lock wait).
    public let options: MigratorOptions

    /// Creates an adopter.
    public init(session: DatabaseSession, options: MigratorOptions = MigratorOptions()) {
        self.session = session
        self.options = options
    }

    /// Reads `format`'s history table (`table`, or the one the tool creates) and records what it applied.
    ///
    /// Refuses a dirty or failed history, versions without files, and a Strata history that already has rows.
    public func adopt(
        from format: MigrationFormat, catalog: MigrationCatalog, table: String? = nil
    ) async throws(StrataError) -> Result {
        guard let tableName = table ?? ForeignHistory.defaultTable(for: format) else {
            throw StrataError(.usage, "--from must name another tool: \(MigrationFormat.allCases.filter { $0 != .native }.map(\.rawValue).joined(separator: ", "))")
        }
        let foreign = try await ForeignHistoryReader(session: session).read(format, table: tableName)
        let plan = try AdoptionPlanner.plan(foreign, catalog: catalog, table: tableName)
        let history = HistoryTable(schema: options.schema)
        let lock = options.makeLock()
        try await history.create(in: session)
        try await lock.holding(on: session, interruption: options.interruption) { () throws(StrataError) in
            let existing = try await history.entries(in: session)
            guard existing.isEmpty else {
                throw StrataError(
                    .usage, "\(history.historyName) already has \(existing.count) row\(existing.count == 1 ? "" : "s"); adopt only starts a history",
                    hint: "this database already uses Strata: see strata status")
            }
            try await session.inTransaction { () throws(StrataError) in
                for (migration, state) in plan.migrations {
                    try await history.record(
                        migration, state: state, durationMilliseconds: 0, statementsRun: 0, action: "adopt", in: session)
                }
                for repeatable in plan.repeatables {
                    try await RepeatableHistory(history: history).record(
                        repeatable, durationMilliseconds: 0, statementsRun: 0, in: session)
                }
                try await history.logEvent(
                    action: "adopt", version: plan.migrations.last.map { $0.0.version.rawValue }, name: format.rawValue,
                    outcome: "adopted",
                    detail: "\(plan.migrations.count) migration(s) and \(plan.repeatables.count) repeatable(s) from \(tableName)",
                    in: session)
            }
        }
        return Result(
            table: tableName, applied: plan.migrations.filter { $0.1 == .applied }.map(\.0.version),
            baselined: plan.migrations.filter { $0.1 == .baseline }.map(\.0.version),
            repeatables: plan.repeatables.map(\.name), warnings: plan.warnings)
    }
}
