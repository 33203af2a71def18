import PostgresNIO
import StrataCore
import StrataSQL

/// Runs one migration's SQL on a session: in one transaction with its verify section and history row, or
/// statement by statement for a `no-transaction` file, recording progress so a rerun resumes where it failed.
struct MigrationExecutor: Sendable {
    let session: DatabaseSession
    let history: HistoryTable
    let options: MigratorOptions

    /// The outcome of applying one migration.
    enum Outcome {
        case applied(statements: Int)
        case skipped(reason: String)
    }

    /// Applies `migration`; `resumeAfter` statements of a partial non-transactional run are not repeated.
    func apply(_ migration: Migration, resumeAfter: Int) async throws(StrataError) -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        let statements = try migration.up.statements(path: migration.path)
        let verify = try migration.verify?.statements(path: migration.path) ?? []
        if let missing = try await missingExtension(migration) {
            return try await skipOrFail(migration, requirement: missing, reason: "extension '\(missing.extensionName)' is not available on this server")
        }
        switch migration.transactionMode {
        case .transactional:
            try refuseNonTransactionalStatements(statements, in: migration)
            try await session.run("BEGIN")
            do throws(StrataError) {
                try await applyTimeouts(migration, local: true)
                for requirement in migration.requirements {
                    try await session.run(PostgresQuery(
                        unsafeSQL: "CREATE EXTENSION IF NOT EXISTS \(SQLIdentifier.quoted(requirement.extensionName))"))
                }
                for statement in statements { try await session.run(statement, path: migration.path) }
                try await runVerify(verify, of: migration)
                try await history.record(
                    migration, state: .applied, durationMilliseconds: (clock.now - start).wholeMilliseconds,
                    statementsRun: statements.count, action: "apply", in: session)
                try await session.run("COMMIT")
            } catch {
                await session.rollbackQuietly()
                try? await history.logEvent(
                    action: "apply", version: migration.version.rawValue, name: migration.name, outcome: "failed",
                    detail: error.message, in: session)
                throw error
            }
            return .applied(statements: statements.count)
        case .nonTransactional:
            try await applyTimeouts(migration, local: false)
            var done = resumeAfter
            for (index, statement) in statements.enumerated() where index >= resumeAfter {
                do throws(StrataError) {
                    try await session.run(statement, path: migration.path)
                } catch {
                    if done > 0 {
                        try? await history.record(
                            migration, state: .partial, durationMilliseconds: (clock.now - start).wholeMilliseconds,
                            statementsRun: done, action: "apply", in: session)
                    }
                    await resetTimeouts()
                    throw error
                }
                done = index + 1
                if done < statements.count {
                    try await history.record(
                        migration, state: .partial, durationMilliseconds: (clock.now - start).wholeMilliseconds,
                        statementsRun: done, action: "progress", in: session)
                }
            }
            await resetTimeouts()
            try await runVerify(verify, of: migration)
            try await history.record(
                migration, state: .applied, durationMilliseconds: (clock.now - start).wholeMilliseconds,
                statementsRun: statements.count, action: "apply", in: session)
            return .applied(statements: statements.count - resumeAfter)
        }
    }

    /// Runs the down section of `migration` and removes its history row, in one transaction when it is transactional.
    func revert(_ migration: Migration) async throws(StrataError) {
        let clock = ContinuousClock()
        let start = clock.now
        let statements = try migration.down?.statements(path: migration.path) ?? []
        switch migration.transactionMode {
        case .transactional:
            try refuseNonTransactionalStatements(statements, in: migration)
            try await session.run("BEGIN")
            do throws(StrataError) {
                try await applyTimeouts(migration, local: true)
                for statement in statements { try await session.run(statement, path: migration.path) }
                try await history.remove(migration, durationMilliseconds: (clock.now - start).wholeMilliseconds, in: session)
                try await session.run("COMMIT")
            } catch {
                await session.rollbackQuietly()
                throw error
            }
        case .nonTransactional:
            try await applyTimeouts(migration, local: false)
            for statement in statements {
                do throws(StrataError) {
                    try await session.run(statement, path: migration.path)
                } catch {
                    await resetTimeouts()
                    throw error
                }
            }
            await resetTimeouts()
            try await history.remove(migration, durationMilliseconds: (clock.now - start).wholeMilliseconds, in: session)
        }
    }

    private func runVerify(_ statements: [SQLStatement], of migration: Migration) async throws(StrataError) {
        for statement in statements {
            let rows = try await session.run(statement, path: migration.path, failure: .verifyFailed)
            guard VerifyRule.returnsRows(statement) else { continue }
            let location = FileLocation(path: migration.path, line: statement.start.line, column: statement.start.column)
            guard let first = rows.first else {
                throw StrataError(
                    .verifyFailed, "verify query returned no row", location: location,
                    hint: "the migration was rolled back; a verify query must return a row whose first value is not false")
            }
            let cells = first.makeRandomAccess()
            guard cells.count > 0 else { continue }
            // Only a boolean first value is judged; a query returning other types passes by returning a row.
            guard cells[0].dataType == .bool else { continue }
            let value = try? cells[0].decode(Bool?.self)
            if value != .some(true) {
                throw StrataError(
                    .verifyFailed, "verify query returned \(value == .some(false) ? "false" : "NULL")", location: location,
                    hint: "the migration was rolled back")
            }
        }
    }

    private func refuseNonTransactionalStatements(
        _ statements: [SQLStatement], in migration: Migration
    ) throws(StrataError) {
        for statement in statements {
            let location = FileLocation(path: migration.path, line: statement.start.line, column: statement.start.column)
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

    private func applyTimeouts(_ migration: Migration, local: Bool) async throws(StrataError) {
        let scope = local ? "SET LOCAL" : "SET"
        if let value = migration.lockTimeout ?? options.lockTimeout {
            try await session.run(PostgresQuery(unsafeSQL: "\(scope) lock_timeout = '\(value.postgresLiteral)'"))
        }
        if let value = migration.statementTimeout ?? options.statementTimeout {
            try await session.run(PostgresQuery(unsafeSQL: "\(scope) statement_timeout = '\(value.postgresLiteral)'"))
        }
    }

    private func resetTimeouts() async {
        _ = try? await session.run("RESET lock_timeout")
        _ = try? await session.run("RESET statement_timeout")
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
        _ migration: Migration, requirement: ExtensionRequirement, reason: String
    ) async throws(StrataError) -> Outcome {
        switch requirement.fallback {
        case .fail:
            throw StrataError(
                .requirementFailed, "\(migration.version) \(migration.name) requires \(reason)",
                location: FileLocation(path: migration.path, line: 1),
                hint: "install the extension on the server, or write 'else=skip' to apply the rest without it")
        case .skip:
            try await history.record(
                migration, state: .skipped, durationMilliseconds: 0, statementsRun: 0, action: "skip", in: session)
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
