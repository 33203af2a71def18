import StrataSQL

/// Applying files one by one under the lock: retrying a file that hit `lock_timeout`, resuming a no-transaction
/// file at the statement that failed, skipping a file whose extension is missing, judging verify queries, and
/// stopping cleanly when the run is interrupted or the lock is lost.
extension MigrationRunner {
    /// The outcome of applying one migration.
    enum Outcome {
        /// Applied; `lockConfirmed` when the file's own commit proved the lock held (a whole-file run checks it
        /// inside its block), so the next file needs no separate check.
        case applied(statements: Int, lockConfirmed: Bool)
        case skipped(reason: String)
    }

    /// Applies `statuses` in order, adding what was applied and skipped to `summary`.
    func apply(
        _ statuses: [MigrationStatus], statements: inout StatementCache, summary: inout MigrationRunSummary
    ) async throws(StrataError) {
        let clock = ContinuousClock()
        var lockConfirmed = false
        for (index, status) in statuses.enumerated() {
            guard let migration = status.migration else { continue }
            try await stopIfAsked(done: summary.done, next: statuses[index...], checkLock: !lockConfirmed)
            lockConfirmed = false
            let start = clock.now
            let outcome: Outcome
            do throws(StrataError) {
                outcome = try await applyRetrying(migration, status: status, statements: &statements)
                statements.forget(migration)
            } catch {
                if error.code == .interrupted || options.interruption?.isTriggered == true {
                    throw RunStop.interrupted(
                        reason: options.interruption?.triggeredReason, done: summary.done, current: migration,
                        notRun: statuses[(index + 1)...].map(\.version), cause: error)
                }
                throw error
            }
            switch outcome {
            case .applied(let count, let confirmed):
                lockConfirmed = confirmed
                summary.done.append(migration.version)
                progress(.applied(migration, milliseconds: (clock.now - start).wholeMilliseconds, statements: count))
            case .skipped(let reason):
                summary.skipped.append(migration.version)
                progress(.skipped(migration, reason: reason))
            }
        }
    }

    /// Applies one file, retrying it with jittered exponential backoff while it fails on `lock_timeout`
    /// (SQLSTATE 55P03). A transactional file is retried whole (it was rolled back); a no-transaction file resumes
    /// at the statement that timed out.
    func applyRetrying(
        _ migration: Migration, status: MigrationStatus, statements: inout StatementCache
    ) async throws(StrataError) -> Outcome {
        var current = status
        var attempt = 0
        // The blockers seen on an earlier attempt of the same file, when the last attempt timed out before they
        // could be looked up again (the same sessions usually hold the lock across the retries).
        var seen: String?
        while true {
            do throws(StrataError) {
                return try await applyOne(migration, status: current, statements: &statements)
            } catch {
                guard error.sqlState == "55P03", options.interruption?.isTriggered != true else { throw error }
                let blockers = await driver.lastBlockers() ?? seen
                seen = blockers
                guard attempt < options.lockRetry.retries else {
                    throw RunStop.lockTimeoutFailure(error, attempts: attempt + 1, blockers: blockers)
                }
                attempt += 1
                let delay = options.lockRetry.delay(beforeRetry: attempt, unitRandom: Double.random(in: 0..<1))
                logger.warning(
                    "\(migration.version) \(migration.name): lock timeout\(blockers.map { ", blocked by \($0)" } ?? ""); retry \(attempt) of \(options.lockRetry.retries) in \(RunStop.seconds(delay))")
                try await RunStop.sleep(delay, unless: options.interruption)
                if migration.transactionMode == .nonTransactional {
                    let planner = MigrationPlanner(migrations: [migration], history: try await driver.historyEntries())
                    if let fresh = planner.statuses().first(where: { $0.version == migration.version }) { current = fresh }
                }
            }
        }
    }

    /// Applies one file once; errors without a position name the file.
    func applyOne(
        _ migration: Migration, status: MigrationStatus, statements cache: inout StatementCache
    ) async throws(StrataError) -> Outcome {
        do {
            let up = try cache.up(of: migration)
            let verify = try cache.verify(of: migration)
            let recorded = status.history?.version.rawValue
            if let missing = try await unavailableRequirement(of: migration) {
                return try await skipOrFail(
                    migration, requirement: missing, recordedVersion: recorded,
                    reason: "extension '\(missing.extensionName)' is not available on this server")
            }
            switch migration.transactionMode {
            case .transactional:
                return try await applyInTransaction(migration, up: up, verify: verify, recordedVersion: recorded)
            case .nonTransactional:
                return try await applyStatementByStatement(
                    migration, up: up, verify: verify, recordedVersion: recorded,
                    resumeAfter: Self.resumePoint(status), isRerun: status.history != nil)
            }
        } catch {
            throw RunStop.contextualized(error, path: migration.path, subject: "\(migration.version) \(migration.name)")
        }
    }

    /// The whole file, its verify queries and its history row in one transaction.
    private func applyInTransaction(
        _ migration: Migration, up: [SQLStatement], verify: [SQLStatement], recordedVersion: String?
    ) async throws(StrataError) -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        try Self.refuseNonTransactionalStatements(up, in: migration)
        let whole = WholeFileRun(migration: migration, statements: up, direction: .apply, recordedVersion: recordedVersion)
        if try await ranWholeFile(whole, verify: verify) { return .applied(statements: up.count, lockConfirmed: true) }
        try await driver.begin()
        do throws(StrataError) {
            try await driver.fence()
            try await driver.setTimeouts(
                lockTimeout: migration.lockTimeout, statementTimeout: migration.statementTimeout, local: true)
            for requirement in migration.requirements {
                do throws(StrataError) {
                    try await driver.createExtension(requirement.extensionName)
                } catch {
                    await driver.rollback()
                    return try await skipOrFail(
                        migration, requirement: requirement, recordedVersion: recordedVersion,
                        reason: "extension '\(requirement.extensionName)' cannot be created: \(error.message)")
                }
            }
            for (index, statement) in up.enumerated() {
                try await run(statement, of: migration, index: index, count: up.count)
            }
            try await judgeVerify(verify, of: migration, rolledBack: true)
            try await driver.confirmLockHeld()
            try await driver.record(
                migration, recordedVersion: recordedVersion, state: .applied,
                durationMilliseconds: (clock.now - start).wholeMilliseconds, statementsRun: up.count, action: "apply")
            try await driver.commit()
        } catch {
            await driver.rollback()
            await driver.logEvent(
                action: "apply", version: migration.version.rawValue, name: migration.name, outcome: "failed",
                detail: error.message)
            if SessionChanges.changeSession(up) { await driver.resetSession() }
            throw error
        }
        if SessionChanges.changeSession(up) { await driver.resetSession() }
        return .applied(statements: up.count, lockConfirmed: false)
    }

    /// A no-transaction file, statement by statement from `resumeAfter`. A statement that can run in a transaction
    /// commits together with its progress row, so a `kill -9` can never leave the history behind the schema; one
    /// that cannot (`CREATE INDEX CONCURRENTLY`) is recorded right after it, and on a rerun it is first checked for
    /// having already taken effect.
    private func applyStatementByStatement(
        _ migration: Migration, up: [SQLStatement], verify: [SQLStatement], recordedVersion: String?,
        resumeAfter: Int, isRerun: Bool
    ) async throws(StrataError) -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        guard resumeAfter <= up.count else {
            throw StrataError(
                .validation, "history says \(resumeAfter) statements of this file ran, but it now has \(up.count)",
                location: FileLocation(path: migration.path, line: 1),
                hint: "a partly applied file must not lose statements; restore them and rerun")
        }
        func record(_ state: HistoryEntry.State, _ count: Int, _ action: String) async throws(StrataError) {
            try await driver.record(
                migration, recordedVersion: recordedVersion, state: state,
                durationMilliseconds: (clock.now - start).wholeMilliseconds, statementsRun: count, action: action)
        }
        try await driver.setTimeouts(
            lockTimeout: migration.lockTimeout, statementTimeout: migration.statementTimeout, local: false)
        for requirement in migration.requirements {
            do throws(StrataError) {
                try await driver.createExtension(requirement.extensionName)
            } catch {
                await driver.resetSession()
                return try await skipOrFail(
                    migration, requirement: requirement, recordedVersion: recordedVersion,
                    reason: "extension '\(requirement.extensionName)' cannot be created: \(error.message)")
            }
        }
        var done = resumeAfter
        var insideOwnTransaction = false
        for (index, statement) in up.enumerated() where index >= resumeAfter {
            do throws(StrataError) {
                if statement.isTransactionControl || insideOwnTransaction {
                    // The file manages a transaction of its own: its statements run as written.
                    insideOwnTransaction = TransactionTracking.isOpen(after: statement, wasOpen: insideOwnTransaction)
                    try await driver.fence()
                    try await run(statement, of: migration, index: index, count: up.count)
                    if !insideOwnTransaction { try await record(.partial, index + 1, "progress") }
                } else if statement.requiresNoTransaction {
                    try await driver.fence()
                    try await driver.prepareNonTransactional(statement, path: migration.path)
                    if isRerun && index == resumeAfter, try await driver.alreadyTookEffect(statement) {
                        logger.notice(
                            "\(migration.path):\(statement.start.line): already took effect before the last run stopped; recording it")
                    } else {
                        try await run(statement, of: migration, index: index, count: up.count)
                    }
                    try await driver.confirmLockHeld()
                    try await record(.partial, index + 1, "progress")
                } else {
                    try await driver.begin()
                    do throws(StrataError) {
                        try await driver.fence()
                        try await run(statement, of: migration, index: index, count: up.count)
                        try await driver.confirmLockHeld()
                        try await record(.partial, index + 1, "progress")
                        try await driver.commit()
                    } catch {
                        await driver.rollback()
                        throw error
                    }
                }
            } catch {
                if insideOwnTransaction { await driver.rollback() }
                try? await record(.failed, done, "apply")
                await driver.resetSession()
                var failure = error
                failure.hint = (failure.hint.map { $0 + "; " } ?? "")
                    + "the \(done) statement\(done == 1 ? "" : "s") before it stay committed (no-transaction file); "
                    + "fix the cause and rerun: Strata resumes at this statement"
                throw failure
            }
            if !insideOwnTransaction { done = index + 1 }
        }
        // Data steps of the file (`-- strata:backfill NAME`, `-- strata:sync STEP NAME`), after its statements.
        do throws(StrataError) {
            for name in BackfillStep.names(in: migration) { try await driver.runBackfillStep(named: name, for: migration) }
            for step in SyncStep.steps(in: migration) { try await driver.runSyncStep(step, for: migration) }
        } catch {
            try? await record(.failed, done, "apply")
            await driver.resetSession()
            throw error
        }
        await driver.resetSession()
        try await judgeVerify(verify, of: migration, rolledBack: false)
        try await record(.applied, up.count, "apply")
        return .applied(statements: up.count - resumeAfter, lockConfirmed: false)
    }

    /// Runs one statement, refusing to start it once the run is interrupted, and reports it for a live line.
    /// A down statement runs with `direction: .down` and names the down section's file (a paired down file).
    func run(
        _ statement: SQLStatement, of migration: Migration, index: Int, count: Int,
        direction: MigrationProgress.Direction = .up
    ) async throws(StrataError) {
        let path = direction == .down ? migration.downPath : migration.path
        if let reason = options.interruption?.triggeredReason {
            throw StrataError(
                .interrupted, "interrupted (\(reason)) before line \(statement.start.line)",
                location: FileLocation(path: path, line: statement.start.line, column: statement.start.column))
        }
        progress(.statementStarted(migration, direction: direction, index: index + 1, count: count))
        try await driver.execute(statement, path: path)
    }

    /// Runs the verify queries; a query whose first row is missing, `false` or `NULL` fails the migration, naming
    /// the query and its line.
    func judgeVerify(_ statements: [SQLStatement], of migration: Migration, rolledBack: Bool) async throws(StrataError) {
        let outcome = rolledBack
            ? "the migration was rolled back"
            : "nothing was rolled back (no-transaction file): fix the verify query and rerun; only the verify runs again"
        for statement in statements {
            let answer = try await driver.verify(statement, path: migration.path)
            let location = FileLocation(path: migration.path, line: statement.start.line, column: statement.start.column)
            let query = VerifyText.excerpt(statement)
            switch answer {
            case .isTrue, .notBoolean, .notAQuery:
                continue
            case .noRow:
                throw StrataError(
                    .verifyFailed, "verify query \(query) returned no row", location: location,
                    hint: outcome + "; a verify query must return a row whose first value is not false")
            case .isFalse, .isNull:
                throw StrataError(
                    .verifyFailed, "verify query \(query) returned \(answer == .isFalse ? "false" : "NULL")",
                    location: location, hint: outcome)
            }
        }
    }

    /// A missing extension: record the file as skipped (`else=skip`), or stop (`else=fail`).
    func skipOrFail(
        _ migration: Migration, requirement: ExtensionRequirement, recordedVersion: String?, reason: String
    ) async throws(StrataError) -> Outcome {
        switch requirement.fallback {
        case .fail:
            throw StrataError(
                .requirementFailed, "\(migration.version) \(migration.name) requires \(reason)",
                location: FileLocation(path: migration.path, line: 1),
                hint: "install the extension on the server, or write 'else=skip' to apply the rest without it")
        case .skip:
            try await driver.record(
                migration, recordedVersion: recordedVersion, state: .skipped, durationMilliseconds: 0, statementsRun: 0,
                action: "skip")
            return .skipped(reason: reason)
        }
    }

    /// Throws when the run must stop before the next file: interrupted, or the lock was lost.
    /// `checkLock: false` when the last file's commit already proved the lock held (no query needed).
    func stopIfAsked(done: [MigrationVersion], next: ArraySlice<MigrationStatus>, checkLock: Bool = true) async throws(StrataError) {
        if let reason = options.interruption?.triggeredReason {
            throw RunStop.interrupted(reason: reason, done: done, current: nil, notRun: next.map(\.version), cause: nil)
        }
        if checkLock, let reason = await driver.lockLossReason() {
            throw StrataError(
                .lockTimeout, "stopped before \(next.first.map { "\($0.version)" } ?? "the next file"): \(reason)",
                detail: "applied in this run: \(RunStop.list(done))",
                hint: "another strata run may be migrating now; check strata status, then rerun")
        }
    }
}
