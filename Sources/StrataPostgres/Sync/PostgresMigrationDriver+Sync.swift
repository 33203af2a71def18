import Foundation
import StrataCore

extension PostgresMigrationDriver {
    /// Runs `-- strata:sync STEP NAME` of a no-transaction migration with `db/syncs/NAME.toml` (next to the
    /// migrations folder), on the migration's session and under its lock. `start` resumes a copy on a rerun;
    /// `verify` fails the migration when the tables differ; `complete` keeps the archive.
    public func runSyncStep(_ step: SyncStep, for migration: Migration) async throws(StrataError) {
        let folder = URL(fileURLWithPath: migration.path).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("syncs").path
        let path = (folder as NSString).appendingPathComponent(step.name + ".toml")
        let location = FileLocation(path: migration.path, line: step.line)
        guard FileManager.default.fileExists(atPath: path) else {
            throw StrataError(.invalidMigration, "the sync plan \(path) does not exist", location: location)
        }
        var engine = SyncEngine(plan: try SyncPlan.load(path: path), schema: options.schema, interruption: options.interruption)
        engine.migrationLockHeld = true
        let logger = session.logger
        switch step.step {
        case .start:
            let reports = try await engine.start(in: session)
            logger.info("\(migration.path): sync \(step.name) started, \(reports.map(\.rowsCopied).reduce(0, +)) rows copied")
        case .verify:
            let differing = try await engine.verify(in: session, repair: false).filter { !$0.matches }
            if let first = differing.first {
                throw StrataError(
                    .syncDifference, "sync \(step.name): \(first.from) and \(first.to) differ (\(first.differingKeys.count) keys)",
                    location: location, hint: "'strata sync verify \(step.name) --repair', then 'strata migrate' again")
            }
        case .cutover:
            _ = try await engine.cutover(in: session, atomic: false)
        case .complete:
            _ = try await engine.complete(in: session, dropArchive: false)
        case .abort:
            throw StrataError(.invalidMigration, "-- strata:sync abort is a command, never a file step", location: location)
        }
    }
}
