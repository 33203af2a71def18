import Foundation
import Logging
import PostgresNIO
import StrataCore

/// `strata check rollbacks`: on an empty shadow database, for each migration in order: schema before → up → down →
/// the schema must equal the one before → up again. Stops at the first down section that does not restore the
/// schema, with the difference.
public enum RollbackChecker {
    /// What happened to one migration.
    public enum Outcome: String, Sendable, Equatable {
        /// Up, down and up again ran, and down restored the schema.
        case restored
        /// It has no down section: applied, not reverted.
        case noDown = "no down section"
        /// Skipped for a missing extension (`require … else=skip`).
        case skipped = "skipped (extension missing)"
    }

    /// Checks `migrations` (those from `from` on; older ones are only applied) on the empty database of `shadow`;
    /// `report` gets each outcome as it is known. Throws `validation` (exit 4) naming the first migration whose down
    /// section leaves the schema different, and a migration's own error when its up or down fails.
    public static func check(
        _ migrations: [Migration], from: MigrationVersion?, shadow: ConnectionSettings, options: MigratorOptions,
        environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger,
        report: @Sendable (Migration, Outcome) -> Void
    ) async throws(StrataError) -> [MigrationVersion: Outcome] {
        let session = try await DatabaseSession.connect(
            configuration: try shadow.postgresConfiguration(), target: shadow.redactedURL, logger: logger)
        return try await session.closing { session throws(StrataError) in
            try await ensureEmpty(session, shadow: shadow)
            let history = HistoryTable(schema: options.schema)
            func snapshot() async throws(StrataError) -> String {
                try await SchemaDumper.schemaText(
                    settings: shadow, session: session, history: history, listingApplied: false,
                    environment: environment, logger: logger)
            }
            let migrator = Migrator(session: session, options: options)
            let ordered = migrations.sorted { $0.version < $1.version }
            if let from, let last = ordered.last(where: { $0.version < from }) {
                try await migrator.migrate(ordered, to: last.version)
            }
            var outcomes: [MigrationVersion: Outcome] = [:]
            var before = try await snapshot()
            for migration in ordered where from.map({ migration.version >= $0 }) ?? true {
                let up = try await migrator.migrate(ordered, to: migration.version)
                if up.skipped.contains(migration.version) {
                    outcomes[migration.version] = .skipped
                    report(migration, .skipped)
                    continue
                }
                guard let down = migration.down, !down.isEmpty else {
                    before = try await snapshot()
                    outcomes[migration.version] = .noDown
                    report(migration, .noDown)
                    continue
                }
                let afterUp = try await snapshot()
                try await migrator.rollback(ordered, target: .steps(1))
                let afterDown = try await snapshot()
                let difference = SchemaTextDifference(before: before, after: afterDown)
                guard difference.isEmpty else {
                    throw StrataError(
                        .validation,
                        "the down section of \(migration.version) \(migration.name) does not restore the schema",
                        location: FileLocation(path: migration.downPath, line: down.origin.line, column: 1),
                        detail: "after up and down, compared with before up (+ left behind, - missing):\n"
                            + difference.rendered(),
                        hint: "make the down section undo every object the up section creates or changes")
                }
                try await migrator.migrate(ordered, to: migration.version)
                before = afterUp
                outcomes[migration.version] = .restored
                report(migration, .restored)
            }
            return outcomes
        }
    }

    /// Refuses a shadow database that holds tables, views or functions already (it is not a scratch database).
    static func ensureEmpty(_ session: DatabaseSession, shadow: ConnectionSettings) async throws(StrataError) {
        let rows = try await session.run("""
            SELECT count(*)::int8 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
            """)
        let count = (try? rows.first?.decode(Int64.self)) ?? 0
        guard count == 0 else {
            throw StrataError(
                .refused, "the shadow database \(shadow.database) is not empty (\(count) relations)",
                hint: "check rollbacks applies and reverts every migration there: give it an empty database, or "
                    + "leave out --shadow-url to use a throw-away database on the embedded server")
        }
    }
}
