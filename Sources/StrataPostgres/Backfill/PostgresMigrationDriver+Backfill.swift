import Foundation
import Logging
import StrataCore

extension PostgresMigrationDriver {
    /// The folder of backfill files next to a migration's folder: `db/migrations/x.sql` → `db/backfills`.
    static func backfillsDirectory(for migration: Migration) -> String {
        URL(fileURLWithPath: migration.path).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("backfills").path
    }

    /// Runs `db/backfills/NAME.sql` on the migration's session, under the migration lock; a rerun of the migration
    /// continues the backfill's job (or finds it done). Paused or cancelled by `strata jobs`, it fails the step so
    /// the migration stays partial until the backfill finishes.
    public func runBackfillStep(named name: String, for migration: Migration) async throws(StrataError) {
        let definition = try BackfillFile.load(name: name, directory: Self.backfillsDirectory(for: migration))
        let logger = session.logger
        let runner = BackfillRunner(
            driver: PostgresBackfillDriver(session: session, schema: options.schema), logger: logger,
            interruption: options.interruption)
        var backfillOptions = BackfillOptions()
        backfillOptions.retry = options.lockRetry
        let outcome = try await runner.run(definition, options: backfillOptions)
        switch outcome.result {
        case .finished, .alreadyDone:
            logger.info("\(migration.path): backfill \(name) \(outcome.result.rawValue), \(outcome.job.rowsDone) rows (job \(outcome.job.id))")
        case .paused, .cancelled:
            throw StrataError(
                .jobFailed, "backfill \(name) was \(outcome.result.rawValue) (job \(outcome.job.id)) before it finished",
                location: FileLocation(path: migration.path, line: 1),
                hint: "'strata jobs resume \(outcome.job.id)' finishes it; then 'strata migrate' completes this migration")
        }
    }
}
