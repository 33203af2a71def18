import Logging
import StrataSQL

/// The run policy of `migrate`, `rollback`, `redo`, `baseline` and `repair`, over any ``MigrationDriver``: what to
/// run and in which order, what to refuse before anything runs, when to take the lock (once per run, never for a
/// run with nothing to do), how to retry a lock timeout, where a no-transaction file resumes, how a verify query is
/// judged, when a missing extension skips a file, and how an interrupted run stops.
public struct MigrationRunner: Sendable {
    /// Executes what the runner decides.
    public let driver: any MigrationDriver
    /// Run-wide settings.
    public let options: MigratorOptions
    /// Receives one report per migration (and per statement, for a live line).
    public let progress: @Sendable (MigrationProgress) -> Void
    /// Warnings and notices of the run (retries, missing files).
    public let logger: Logger

    /// Creates a runner.
    public init(
        driver: any MigrationDriver, options: MigratorOptions, logger: Logger,
        progress: @escaping @Sendable (MigrationProgress) -> Void = { _ in }
    ) {
        self.driver = driver
        self.options = options
        self.logger = logger
        self.progress = progress
    }

    /// The state of every migration on disk or in history, without taking the lock or creating anything.
    public func status(of migrations: [Migration]) async throws(StrataError) -> [MigrationStatus] {
        MigrationPlanner(migrations: migrations, history: try await driver.historyEntries()).statuses()
    }

    /// Applies a folder: pending versioned migrations (and skipped ones whose extension appeared, and failed or
    /// partial ones, resumed) up to `target`, then repeatable migrations that are new or changed, with the
    /// `beforeMigrate` hooks first and the `afterMigrate` hooks last, all under one hold of the lock.
    ///
    /// With nothing to do it returns without taking the lock (a skipped file whose extension is still missing is
    /// checked without it). Refuses before anything runs when an applied file changed, when a pending file is older
    /// than the newest applied one (unless `allowOutOfOrder`), and when a transactional file holds a statement that
    /// cannot run in a transaction. `knownHistory`: the history rows when the caller has just read them.
    @discardableResult
    public func migrate(
        _ catalog: MigrationCatalog, to target: MigrationVersion? = nil, knownHistory: [HistoryEntry]? = nil
    ) async throws(StrataError) -> MigrationRunSummary {
        let entries: [HistoryEntry]
        if let knownHistory { entries = knownHistory } else { entries = try await driver.historyEntries() }
        var statements = StatementCache()
        let before = MigrationPlanner(migrations: catalog.migrations, history: entries)
        try preflight(before, target: target)
        var summary = MigrationRunSummary()
        let (toApply, stillSkipped) = try await withoutUnavailableSkips(before.migrationsToApply(upTo: target))
        summary.stillSkipped = stillSkipped.map(\.version)
        let due = try await dueRepeatables(catalog)
        if toApply.isEmpty && due.isEmpty { return summary }
        if options.dryRun {
            try await planDryRun(toApply, repeatables: due, statements: &statements, summary: &summary)
            return summary
        }
        let cache = statements
        return try await withLock { () throws(StrataError) -> MigrationRunSummary in
            try await driver.prepareHistory()
            return try await withRun { () throws(StrataError) -> MigrationRunSummary in
                var statements = cache
                // Another process may have migrated while we waited for the lock: plan again.
                let planner = MigrationPlanner(migrations: catalog.migrations, history: try await driver.historyEntries())
                try preflight(planner, target: target)
                var summary = MigrationRunSummary()
                let (work, skippedStill) = try await withoutUnavailableSkips(planner.migrationsToApply(upTo: target))
                summary.stillSkipped = skippedStill.map(\.version)
                let repeatables = try await dueRepeatables(catalog)
                guard !work.isEmpty || !repeatables.isEmpty else { return summary }
                for hook in catalog.beforeMigrate { try await runHook(hook) }
                try await apply(work, statements: &statements, summary: &summary)
                summary.repeatables = try await applyRepeatables(repeatables)
                for hook in catalog.afterMigrate { try await runHook(hook) }
                return summary
            }
        }
    }

    /// Applies pending versioned migrations only (no repeatables, no hooks); see ``migrate(_:to:knownHistory:)``.
    @discardableResult
    public func migrate(_ migrations: [Migration], to target: MigrationVersion? = nil) async throws(StrataError) -> MigrationRunSummary {
        try await migrate(MigrationCatalog(format: .native, migrations: migrations), to: target)
    }

    /// Reverts the last applied migration and applies it again, under one hold of the lock; nothing else runs.
    @discardableResult
    public func redo(_ migrations: [Migration]) async throws(StrataError) -> MigrationRunSummary {
        let before = MigrationPlanner(migrations: migrations, history: try await driver.historyEntries())
        guard let last = try before.migrationsToRevert(.steps(1)).first else {
            throw StrataError(.usage, "nothing to redo: no migration is applied")
        }
        return try await withLock { () throws(StrataError) -> MigrationRunSummary in
            try await withRun { () throws(StrataError) -> MigrationRunSummary in
                var statements = StatementCache()
                let planner = MigrationPlanner(migrations: migrations, history: try await driver.historyEntries())
                guard let status = try planner.migrationsToRevert(.steps(1)).first, status.version == last.version else {
                    throw StrataError(.usage, "another process changed the history during redo; run strata status")
                }
                try await revert([status], statements: &statements)
                let again = MigrationPlanner(migrations: migrations, history: try await driver.historyEntries())
                var summary = MigrationRunSummary()
                try await apply(
                    again.migrationsToApply(upTo: status.version).filter { $0.version == status.version },
                    statements: &statements, summary: &summary)
                return summary
            }
        }
    }

    /// Reverts applied migrations, newest first, by their down sections.
    @discardableResult
    public func rollback(
        _ migrations: [Migration], target: MigrationPlanner.RollbackTarget
    ) async throws(StrataError) -> MigrationRunSummary {
        let before = MigrationPlanner(migrations: migrations, history: try await driver.historyEntries())
        let toRevert = try before.migrationsToRevert(target)
        if toRevert.isEmpty && Self.skippedAbove(target, in: before).isEmpty { return MigrationRunSummary() }
        var statements = StatementCache()
        if options.dryRun {
            for status in toRevert {
                guard let migration = status.migration else { continue }
                progress(.planned(migration, direction: .down, statements: try statements.down(of: migration)))
            }
            return MigrationRunSummary()
        }
        let cache = statements
        return try await withLock { () throws(StrataError) -> MigrationRunSummary in
            try await withRun { () throws(StrataError) -> MigrationRunSummary in
                var statements = cache
                let planner = MigrationPlanner(migrations: migrations, history: try await driver.historyEntries())
                let statuses = try planner.migrationsToRevert(target)
                try await revert(statuses, statements: &statements)
                var summary = MigrationRunSummary()
                summary.done = statuses.map(\.version)
                // A migration skipped for a missing extension has no effect to revert; below the target it is
                // forgotten so the folder reads as pending again.
                for entry in Self.skippedAbove(target, in: planner) { try await driver.forgetSkipped(entry) }
                return summary
            }
        }
    }

    /// Problems `validate` reports: changed and missing files, pending files below the highest applied version,
    /// and files a fresh `migrate` would refuse (SQL the lexer rejects, a statement that cannot run in the file's
    /// transaction), so `validate` and `migrate` never disagree.
    public func validate(_ migrations: [Migration]) async throws(StrataError) -> [ValidationProblem] {
        var statements = StatementCache()
        for migration in migrations where migration.transactionMode == .transactional {
            try Self.refuseNonTransactionalStatements(try statements.up(of: migration), in: migration)
        }
        return ValidationProblem.find(in: try await status(of: migrations))
    }

    /// Skipped entries above a `--to` target: forgotten by the rollback.
    static func skippedAbove(_ target: MigrationPlanner.RollbackTarget, in planner: MigrationPlanner) -> [HistoryEntry] {
        guard case .toVersion(let version) = target else { return [] }
        return planner.history.filter { $0.state == .skipped && ($0.version > version || version == .zero) }
    }

    /// Everything that can be refused before a single statement runs.
    /// Each pending file is split here only to be checked: its statements are not kept (with 10,000 pending
    /// files they would hold over 100 MB); the run splits each file again when it reaches it.
    func preflight(_ planner: MigrationPlanner, target: MigrationVersion?) throws(StrataError) {
        try Self.refuseChanged(planner)
        if let (squash, applied) = planner.partlyAppliedSquash(), let migration = squash.migration {
            throw StrataError(
                .validation,
                "\(squash.version) \(squash.name) replaces migrations of which this database applied only some (\(applied.map(\.rawValue).joined(separator: ", ")))",
                location: FileLocation(path: migration.path, line: 1),
                hint: "apply the old files first (they are in the squashed/ folder next to the migrations: "
                    + "strata migrate --dir <folder>/squashed), then migrate with the squash")
        }
        let problems = ValidationProblem.find(in: planner.statuses())
        for problem in problems where problem.kind == .missing {
            logger.warning("\(problem)")
        }
        if !options.allowOutOfOrder, let problem = problems.first(where: { $0.kind == .outOfOrder }),
            let migration = problem.status.migration
        {
            throw StrataError(
                .validation, "\(problem)", location: FileLocation(path: migration.path, line: 1),
                hint: "give it a version above the newest applied one, or run with --allow-out-of-order")
        }
        for status in planner.migrationsToApply(upTo: target) {
            guard let migration = status.migration else { continue }
            var statements = StatementCache()
            let up = try statements.up(of: migration)
            _ = try statements.verify(of: migration)
            if migration.transactionMode == .transactional {
                try Self.refuseNonTransactionalStatements(up, in: migration)
            }
        }
    }

    static func refuseChanged(_ planner: MigrationPlanner) throws(StrataError) {
        guard let first = planner.changed().first, let migration = first.migration else { return }
        throw StrataError(
            .validation, "\(first.version) \(first.name) was changed after it was applied",
            location: FileLocation(path: migration.path, line: 1),
            detail: "recorded checksum \(first.history?.checksum ?? "?"), file checksum \(migration.checksum)",
            hint: "restore the applied text and put the change in a new migration (strata new NAME)")
    }

    /// A transactional file may not hold a statement that cannot run in a transaction, nor control the transaction.
    /// `path`: the statements' file when it is not the migration's (a paired down file).
    public static func refuseNonTransactionalStatements(
        _ statements: [SQLStatement], in migration: Migration, path: String? = nil
    ) throws(StrataError) {
        for statement in statements {
            let location = FileLocation(path: path ?? migration.path, line: statement.start.line, column: statement.start.column)
            if statement.requiresNoTransaction {
                throw StrataError(
                    .invalidMigration, "'\(statement.keywords.prefix(4).joined(separator: " "))' cannot run inside a transaction",
                    location: location,
                    hint: "put it in its own migration file with the line '-- strata:no-transaction' at the top")
            }
            if statement.isTransactionControl {
                throw StrataError(
                    .invalidMigration, "'\(statement.keywords.prefix(2).joined(separator: " "))' controls the transaction Strata runs the file in",
                    location: location,
                    hint: "remove it: Strata already runs each file in one transaction (or use '-- strata:no-transaction')")
            }
        }
    }

    /// How many statements of a non-transactional file already ran (history of a partial or failed run).
    public static func resumePoint(_ status: MigrationStatus) -> Int {
        guard status.migration?.transactionMode == .nonTransactional else { return 0 }
        switch status.state {
        case .partial, .failed, .running: return status.history?.statementsRun ?? 0
        default: return 0
        }
    }

    /// Splits the skipped files among `statuses` whose required extension is still unavailable (left alone, no lock
    /// needed) from the rest (to run).
    func withoutUnavailableSkips(
        _ statuses: [MigrationStatus]
    ) async throws(StrataError) -> (toRun: [MigrationStatus], stillSkipped: [MigrationStatus]) {
        var toRun: [MigrationStatus] = []
        var still: [MigrationStatus] = []
        for status in statuses {
            if status.state == .skipped, let migration = status.migration,
                try await unavailableRequirement(of: migration) != nil
            {
                still.append(status)
            } else {
                toRun.append(status)
            }
        }
        return (toRun, still)
    }

    /// The first required extension the server cannot provide.
    func unavailableRequirement(of migration: Migration) async throws(StrataError) -> ExtensionRequirement? {
        for requirement in migration.requirements where !(try await driver.extensionAvailable(requirement.extensionName)) {
            return requirement
        }
        return nil
    }

    /// A dry run: says what would run (or be skipped), statement by statement.
    private func planDryRun(
        _ toApply: [MigrationStatus], repeatables: [RepeatableMigration], statements: inout StatementCache,
        summary: inout MigrationRunSummary
    ) async throws(StrataError) {
        for status in toApply {
            guard let migration = status.migration else { continue }
            if let missing = try await unavailableRequirement(of: migration), missing.fallback == .skip {
                progress(.wouldSkip(migration, reason: "extension '\(missing.extensionName)' is not available on this server"))
                continue
            }
            let up = try statements.up(of: migration)
            progress(.planned(migration, direction: .up, statements: Array(up.dropFirst(Self.resumePoint(status)))))
        }
        for repeatable in repeatables {
            progress(.repeatablePlanned(repeatable, statements: try repeatable.up.statements(path: repeatable.path)))
            summary.repeatables.append(repeatable.name)
        }
    }
}
