import PostgresNIO
import StrataCore
import StrataSQL

/// Runs one migration's SQL on a session: in one transaction with its verify section and history row, or
/// statement by statement for a `no-transaction` file, recording progress so a rerun resumes where it failed.
struct MigrationExecutor: Sendable {
    let session: DatabaseSession
    let history: HistoryTable
    let options: MigratorOptions
    /// Watches for blocking sessions while statements run; `nil` runs them unobserved.
    var observer: SessionObserver? = nil
    /// The run's lock, fenced at the start of each transaction and before each statement of a no-transaction file.
    var lock: (any MigrationLocking)? = nil
    /// The run's session defaults (`SessionDefaults`), set once for the run and again after each `RESET ALL`;
    /// `nil` when every migration sets its timeouts itself (behind PgBouncer, where session settings leak).
    var sessionDefaults: SessionDefaults? = nil

    /// The outcome of applying one migration.
    enum Outcome {
        case applied(statements: Int)
        case skipped(reason: String)
    }

    /// Applies `migration`. `recordedVersion` is the version text of its existing history row (a file renamed from
    /// `2_x.sql` to `02_x.sql` keeps its row); `resumeAfter` statements of a partial non-transactional run are not repeated.
    func apply(_ migration: Migration, recordedVersion: String?, resumeAfter: Int) async throws(StrataError) -> Outcome {
        do {
            return try await applyUnlabelled(migration, recordedVersion: recordedVersion, resumeAfter: resumeAfter)
        } catch {
            throw Self.contextualized(error, migration)
        }
    }

    private func applyUnlabelled(
        _ migration: Migration, recordedVersion: String?, resumeAfter: Int
    ) async throws(StrataError) -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        let statements = try migration.up.statements(path: migration.path)
        let verify = try migration.verify?.statements(path: migration.path) ?? []
        if let missing = try await missingExtension(migration) {
            return try await skipOrFail(
                migration, requirement: missing, recordedVersion: recordedVersion,
                reason: "extension '\(missing.extensionName)' is not available on this server")
        }
        func record(_ state: HistoryEntry.State, _ count: Int, _ action: String) async throws(StrataError) {
            try await history.record(
                migration, version: recordedVersion, state: state,
                durationMilliseconds: (clock.now - start).wholeMilliseconds, statementsRun: count, action: action,
                in: session)
        }
        switch migration.transactionMode {
        case .transactional:
            try Self.refuseNonTransactionalStatements(statements, in: migration)
            try await session.run("BEGIN")
            do throws(StrataError) {
                try await lock?.fence(on: session)
                try await applyTimeouts(migration, local: true)
                if let (requirement, failure) = await createExtensions(migration) {
                    await session.rollbackQuietly()
                    return try await skipOrFail(
                        migration, requirement: requirement, recordedVersion: recordedVersion,
                        reason: "extension '\(requirement.extensionName)' cannot be created: \(failure.message)")
                }
                for statement in statements { try await run(statement, of: migration) }
                try await runVerify(verify, of: migration, rolledBack: true)
                try await record(.applied, statements.count, "apply")
                try await session.run("COMMIT")
            } catch {
                await session.rollbackQuietly()
                try? await history.logEvent(
                    action: "apply", version: migration.version.rawValue, name: migration.name, outcome: "failed",
                    detail: error.message, in: session)
                await resetSessionIfChanged(statements)
                throw error
            }
            await resetSessionIfChanged(statements)
            return .applied(statements: statements.count)
        case .nonTransactional:
            guard resumeAfter <= statements.count else {
                throw StrataError(
                    .validation,
                    "history says \(resumeAfter) statements of this file ran, but it now has \(statements.count)",
                    location: FileLocation(path: migration.path, line: 1),
                    hint: "a partly applied file must not lose statements; restore them and rerun")
            }
            try await applyTimeouts(migration, local: false)
            if let (requirement, failure) = await createExtensions(migration) {
                await resetSession()
                return try await skipOrFail(
                    migration, requirement: requirement, recordedVersion: recordedVersion,
                    reason: "extension '\(requirement.extensionName)' cannot be created: \(failure.message)")
            }
            var done = resumeAfter
            for (index, statement) in statements.enumerated() where index >= resumeAfter {
                do throws(StrataError) {
                    try await lock?.fence(on: session)
                    try await InvalidIndexRepair.prepare(statement, of: migration, on: session)
                    try await run(statement, of: migration)
                } catch {
                    try? await record(.failed, done, "apply")
                    await resetSession()
                    var failure = error
                    failure.hint = (failure.hint.map { $0 + "; " } ?? "")
                        + "the \(done) statement\(done == 1 ? "" : "s") before it stay committed (no-transaction file); "
                        + "fix the cause and rerun: Strata resumes at this statement"
                    throw failure
                }
                done = index + 1
                try await record(.partial, done, "progress")
            }
            await resetSession()
            try await runVerify(verify, of: migration, rolledBack: false)
            try await record(.applied, statements.count, "apply")
            return .applied(statements: statements.count - resumeAfter)
        }
    }

    /// Runs the down section of `migration` and removes its history row (keyed by `recordedVersion`), in one
    /// transaction when it is transactional.
    func revert(_ migration: Migration, recordedVersion: String) async throws(StrataError) {
        do {
            try await revertUnlabelled(migration, recordedVersion: recordedVersion)
        } catch {
            throw Self.contextualized(error, migration)
        }
    }

    private func revertUnlabelled(_ migration: Migration, recordedVersion: String) async throws(StrataError) {
        let clock = ContinuousClock()
        let start = clock.now
        let statements = try migration.down?.statements(path: migration.path) ?? []
        switch migration.transactionMode {
        case .transactional:
            try Self.refuseNonTransactionalStatements(statements, in: migration, path: migration.downPath)
            try await session.run("BEGIN")
            do throws(StrataError) {
                try await lock?.fence(on: session)
                try await applyTimeouts(migration, local: true)
                for statement in statements { try await run(statement, of: migration, path: migration.downPath) }
                try await history.remove(
                    migration, version: recordedVersion, durationMilliseconds: (clock.now - start).wholeMilliseconds,
                    in: session)
                try await session.run("COMMIT")
            } catch {
                await session.rollbackQuietly()
                try? await history.logEvent(
                    action: "rollback", version: recordedVersion, name: migration.name, outcome: "failed",
                    detail: error.message, in: session)
                await resetSessionIfChanged(statements)
                throw error
            }
            await resetSessionIfChanged(statements)
        case .nonTransactional:
            try await applyTimeouts(migration, local: false)
            for (index, statement) in statements.enumerated() {
                do throws(StrataError) {
                    try await lock?.fence(on: session)
                    try await run(statement, of: migration, path: migration.downPath)
                } catch {
                    await resetSession()
                    try? await history.logEvent(
                        action: "rollback", version: recordedVersion, name: migration.name, outcome: "failed",
                        detail: "statement \(index + 1): \(error.message)", in: session)
                    var failure = error
                    failure.hint = (failure.hint.map { $0 + "; " } ?? "")
                        + "the down section's earlier statements stay committed (no-transaction file); "
                        + "a rerun starts the down section again, so write it with IF EXISTS"
                    throw failure
                }
            }
            await resetSession()
            try await history.remove(
                migration, version: recordedVersion, durationMilliseconds: (clock.now - start).wholeMilliseconds,
                in: session)
        }
    }

    /// Runs one statement of `migration`, watched for blockers; refuses to start it once the run is interrupted.
    /// `path` is the statement's file when it is not the migration's (a paired down file).
    private func run(_ statement: SQLStatement, of migration: Migration, path: String? = nil) async throws(StrataError) {
        let path = path ?? migration.path
        if let reason = options.interruption?.triggeredReason {
            throw StrataError(
                .interrupted, "interrupted (\(reason)) before line \(statement.start.line)",
                location: FileLocation(path: path, line: statement.start.line, column: statement.start.column))
        }
        let session = session
        guard let observer else {
            try await session.run(statement, path: path)
            return
        }
        _ = try await observer.watching { () throws(StrataError) in try await session.run(statement, path: path) }
    }

    /// Names the migration in an error that has no file position (COMMIT, SET, history writes) and treats server
    /// errors there as the migration's failure, not as Strata's bug.
    static func contextualized(_ error: StrataError, _ migration: Migration) -> StrataError {
        guard error.location == nil else { return error }
        var labelled = error
        labelled.location = FileLocation(path: migration.path, line: 1)
        labelled.message = "\(migration.version) \(migration.name): " + error.message
        if labelled.code == .internal && labelled.sqlState != nil { labelled.code = .migrationFailed }
        return labelled
    }

    /// Creates required extensions; returns the first that failed with the server's error.
    private func createExtensions(_ migration: Migration) async -> (ExtensionRequirement, StrataError)? {
        for requirement in migration.requirements {
            do {
                try await session.run(PostgresQuery(
                    unsafeSQL: "CREATE EXTENSION IF NOT EXISTS \(SQLIdentifier.quoted(requirement.extensionName))"))
            } catch {
                return (requirement, error)
            }
        }
        return nil
    }

    /// A plain `SET`/`RESET` (not `SET LOCAL`) or `set_config` outlives the migration's transaction: reset the
    /// session so the next migration starts from the connection's defaults, as it would in a fresh run.
    private func resetSessionIfChanged(_ statements: [SQLStatement]) async {
        let changes = statements.contains { statement in
            let words = statement.keywords
            if words.first == "reset" { return true }
            if words.first == "set" && words.dropFirst().first != "local" { return true }
            return statement.significantTokens.contains { $0.normalized == "set_config" }
        }
        if changes { await resetSession() }
    }

    private func resetSession() async {
        _ = try? await session.run("RESET ALL")
        _ = try? await session.run("SET SESSION AUTHORIZATION DEFAULT")
        if let sessionDefaults { _ = try? await sessionDefaults.apply(on: session) }
    }

    private func runVerify(
        _ statements: [SQLStatement], of migration: Migration, rolledBack: Bool
    ) async throws(StrataError) {
        let outcome = rolledBack
            ? "the migration was rolled back"
            : "nothing was rolled back (no-transaction file): fix the verify query and rerun; only the verify runs again"
        for statement in statements {
            let rows = try await session.run(statement, path: migration.path, failure: .verifyFailed)
            guard VerifyRule.returnsRows(statement) else { continue }
            let location = FileLocation(path: migration.path, line: statement.start.line, column: statement.start.column)
            guard let first = rows.first else {
                throw StrataError(
                    .verifyFailed, "verify query returned no row", location: location,
                    hint: outcome + "; a verify query must return a row whose first value is not false")
            }
            let cells = first.makeRandomAccess()
            guard cells.count > 0 else { continue }
            // Only a boolean first value is judged; a query returning other types passes by returning a row.
            guard cells[0].dataType == .bool else { continue }
            let value = try? cells[0].decode(Bool?.self)
            if value != .some(true) {
                throw StrataError(
                    .verifyFailed, "verify query returned \(value == .some(false) ? "false" : "NULL")", location: location,
                    hint: outcome)
            }
        }
    }

    static func refuseNonTransactionalStatements(
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

    /// Sets the migration's `lock_timeout` and `statement_timeout` in one round trip (`set_config`, local to the
    /// transaction when `local`); values equal to the run's session defaults are already in place and not sent.
    private func applyTimeouts(_ migration: Migration, local: Bool) async throws(StrataError) {
        var settings: [String] = []
        let lockTimeout = migration.lockTimeout ?? options.lockTimeout
        if let value = lockTimeout, value != sessionDefaults?.lockTimeout {
            settings.append("set_config('lock_timeout', '\(value.postgresLiteral)', \(local))")
        }
        let statementTimeout = migration.statementTimeout ?? options.statementTimeout
        if let value = statementTimeout, value != sessionDefaults?.statementTimeout {
            settings.append("set_config('statement_timeout', '\(value.postgresLiteral)', \(local))")
        }
        guard !settings.isEmpty else { return }
        try await session.run(PostgresQuery(unsafeSQL: "SELECT " + settings.joined(separator: ", ")))
    }

    /// The first required extension that is neither installed nor available to install.
    private func missingExtension(_ migration: Migration) async throws(StrataError) -> ExtensionRequirement? {
        for requirement in migration.requirements {
            let name = requirement.extensionName
            let rows = try await session.run("SELECT 1 FROM pg_available_extensions WHERE name = \(name)")
            if rows.isEmpty { return requirement }
        }
        return nil
    }

    private func skipOrFail(
        _ migration: Migration, requirement: ExtensionRequirement, recordedVersion: String?, reason: String
    ) async throws(StrataError) -> Outcome {
        switch requirement.fallback {
        case .fail:
            throw StrataError(
                .requirementFailed, "\(migration.version) \(migration.name) requires \(reason)",
                location: FileLocation(path: migration.path, line: 1),
                hint: "install the extension on the server, or write 'else=skip' to apply the rest without it")
        case .skip:
            try await history.record(
                migration, version: recordedVersion, state: .skipped, durationMilliseconds: 0, statementsRun: 0,
                action: "skip", in: session)
            return .skipped(reason: reason)
        }
    }

}

/// Which verify statements are checked for a truthy first row: queries (`SELECT`, `WITH`, `VALUES`, `TABLE`).
enum VerifyRule {
    static func returnsRows(_ statement: SQLStatement) -> Bool {
        guard let first = statement.keywords.first else { return false }
        return ["select", "with", "values", "table"].contains(first)
    }
}
