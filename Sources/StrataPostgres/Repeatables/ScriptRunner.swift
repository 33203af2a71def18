import StrataCore
import StrataSQL

/// Runs repeatable migrations (recording them) and `beforeMigrate` / `afterMigrate` hooks (not recorded).
struct ScriptRunner: Sendable {
    let session: DatabaseSession
    let history: HistoryTable

    /// Applies `repeatable` in one transaction with its history row, or statement by statement when it is
    /// non-transactional; returns how many statements ran.
    func apply(_ repeatable: RepeatableMigration) async throws(StrataError) -> Int {
        let clock = ContinuousClock()
        let start = clock.now
        let statements = try repeatable.up.statements(path: repeatable.path)
        let record = RepeatableHistory(history: history)
        switch repeatable.transactionMode {
        case .transactional:
            try await session.run("BEGIN")
            do throws(StrataError) {
                for statement in statements { try await session.run(statement, path: repeatable.path) }
                try await record.record(
                    repeatable, durationMilliseconds: (clock.now - start).wholeMilliseconds,
                    statementsRun: statements.count, in: session)
                try await session.run("COMMIT")
            } catch {
                await session.rollbackQuietly()
                try? await history.logEvent(
                    action: "apply-repeatable", version: repeatable.historyKey, name: repeatable.name, outcome: "failed",
                    detail: error.message, in: session)
                throw labelled(error, repeatable.path, repeatable.historyKey)
            }
        case .nonTransactional:
            do throws(StrataError) {
                for statement in statements { try await session.run(statement, path: repeatable.path) }
            } catch {
                try? await history.logEvent(
                    action: "apply-repeatable", version: repeatable.historyKey, name: repeatable.name, outcome: "failed",
                    detail: error.message, in: session)
                var failure = labelled(error, repeatable.path, repeatable.historyKey)
                failure.hint = (failure.hint.map { $0 + "; " } ?? "")
                    + "earlier statements stay committed (no-transaction file); the next migrate runs the whole file again"
                throw failure
            }
            try await record.record(
                repeatable, durationMilliseconds: (clock.now - start).wholeMilliseconds,
                statementsRun: statements.count, in: session)
        }
        return statements.count
    }

    /// Runs a hook's statements one by one on the session (each commits; a `SET` lasts for the session).
    func run(_ script: SQLScript) async throws(StrataError) {
        do throws(StrataError) {
            for statement in try script.sql.statements(path: script.path) {
                try await session.run(statement, path: script.path)
            }
        } catch {
            throw labelled(error, script.path, "hook")
        }
    }

    private func labelled(_ error: StrataError, _ path: String, _ subject: String) -> StrataError {
        guard error.location == nil else { return error }
        var result = error
        result.location = FileLocation(path: path, line: 1)
        result.message = "\(subject): " + error.message
        if result.code == .internal && result.sqlState != nil { result.code = .migrationFailed }
        return result
    }
}
