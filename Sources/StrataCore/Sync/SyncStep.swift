import StrataSQL

/// `-- strata:sync STEP NAME` in a no-transaction migration (`start`, `verify`, `cutover` or `complete`): after the
/// file's statements, that step of the sync plan `db/syncs/NAME.toml` runs as part of the migration, so a release
/// pipeline ships expand → sync → contract as ordinary files. A rerun of the migration resumes a copy; `complete`
/// in a file is its own confirmation and keeps the archive.
public struct SyncStep: Sendable, Hashable {
    /// The step.
    public var step: SyncPhase.Step
    /// The plan's name.
    public var name: String
    /// The directive's line.
    public var line: Int

    /// The steps a migration files ask for, in file order.
    public static func steps(in migration: Migration) -> [SyncStep] {
        migration.directives.filter { $0.name == "sync" }.compactMap { directive in
            let words = directive.arguments.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard words.count == 2, let step = SyncPhase.Step(rawValue: words[0]) else { return nil }
            return SyncStep(step: step, name: words[1], line: directive.position.line)
        }
    }

    /// Refuses a sync step in a transactional file, an unknown step, and a name that is not one.
    static func check(_ migration: Migration, path: String) throws(StrataError) {
        let allowed: [SyncPhase.Step] = [.start, .verify, .cutover, .complete]
        for directive in migration.directives where directive.name == "sync" {
            let location = FileLocation(path: path, line: directive.position.line)
            let words = directive.arguments.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard words.count == 2, let step = SyncPhase.Step(rawValue: words[0]), allowed.contains(step),
                SQLIdentifier.isPlainName(words[1])
            else {
                throw StrataError(
                    .invalidMigration, "-- strata:sync needs a step and a plan name, like '-- strata:sync start split', not '\(directive.arguments)'",
                    location: location, hint: "steps: start, verify, cutover, complete (abort is a command, never a file)")
            }
            guard migration.transactionMode == .nonTransactional else {
                throw StrataError(
                    .invalidMigration, "-- strata:sync runs only in a no-transaction migration (its batches commit one by one)",
                    location: location, hint: "add the line '-- strata:no-transaction' to the file")
            }
        }
    }
}

extension MigrationDriver {
    /// Runs a sync step of `migration` (`-- strata:sync STEP NAME`); a driver that cannot run syncs refuses.
    public func runSyncStep(_ step: SyncStep, for migration: Migration) async throws(StrataError) {
        throw StrataError(
            .invalidMigration, "this database driver cannot run the sync step '\(step.step.rawValue) \(step.name)'",
            location: FileLocation(path: migration.path, line: step.line))
    }
}
