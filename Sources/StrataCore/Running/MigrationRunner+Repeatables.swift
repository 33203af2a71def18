import StrataSQL

/// Repeatable migrations and hooks, run under the same hold of the lock as the versioned files.
extension MigrationRunner {
    /// Repeatable migrations of `catalog` that are not recorded, or recorded with another checksum.
    func dueRepeatables(_ catalog: MigrationCatalog) async throws(StrataError) -> [RepeatableMigration] {
        guard !catalog.repeatables.isEmpty else { return [] }
        let recorded = try await driver.repeatableChecksums()
        return catalog.repeatables.filter { recorded[$0.historyKey] != $0.checksum }
    }

    /// Each repeatable migration of `catalog` with whether it is up to date (`true`) or due (`false`).
    public func repeatableStatus(of catalog: MigrationCatalog) async throws(StrataError) -> [(RepeatableMigration, Bool)] {
        guard !catalog.repeatables.isEmpty else { return [] }
        let recorded = try await driver.repeatableChecksums()
        return catalog.repeatables.map { ($0, recorded[$0.historyKey] == $0.checksum) }
    }

    /// Applies `repeatables` in order; returns their names.
    func applyRepeatables(_ repeatables: [RepeatableMigration]) async throws(StrataError) -> [String] {
        var names: [String] = []
        let clock = ContinuousClock()
        for repeatable in repeatables {
            let start = clock.now
            let count: Int
            do {
                count = try await applyRepeatable(repeatable, start: start)
            } catch {
                throw RunStop.contextualized(error, path: repeatable.path, subject: repeatable.historyKey)
            }
            names.append(repeatable.name)
            progress(.repeatableApplied(repeatable, milliseconds: (clock.now - start).wholeMilliseconds, statements: count))
        }
        return names
    }

    /// One repeatable migration: in one transaction with its history row, or statement by statement.
    private func applyRepeatable(_ repeatable: RepeatableMigration, start: ContinuousClock.Instant) async throws(StrataError) -> Int {
        let statements = try repeatable.up.statements(path: repeatable.path)
        let clock = ContinuousClock()
        switch repeatable.transactionMode {
        case .transactional:
            try await driver.begin()
            do throws(StrataError) {
                try await driver.fence()
                for statement in statements { try await driver.execute(statement, path: repeatable.path) }
                try await driver.confirmLockHeld()
                try await driver.recordRepeatable(
                    repeatable, durationMilliseconds: (clock.now - start).wholeMilliseconds, statementsRun: statements.count)
                try await driver.commit()
            } catch {
                await driver.rollback()
                await driver.logEvent(
                    action: "apply-repeatable", version: repeatable.historyKey, name: repeatable.name, outcome: "failed",
                    detail: error.message)
                throw error
            }
        case .nonTransactional:
            do throws(StrataError) {
                for statement in statements {
                    try await driver.fence()
                    try await driver.execute(statement, path: repeatable.path)
                }
            } catch {
                await driver.logEvent(
                    action: "apply-repeatable", version: repeatable.historyKey, name: repeatable.name, outcome: "failed",
                    detail: error.message)
                var failure = error
                failure.hint = (failure.hint.map { $0 + "; " } ?? "")
                    + "earlier statements stay committed (no-transaction file); the next migrate runs the whole file again"
                throw failure
            }
            try await driver.recordRepeatable(
                repeatable, durationMilliseconds: (clock.now - start).wholeMilliseconds, statementsRun: statements.count)
        }
        return statements.count
    }

    /// Runs a hook's statements one by one (each commits; a `SET` lasts for the session).
    func runHook(_ script: SQLScript) async throws(StrataError) {
        do throws(StrataError) {
            for statement in try script.sql.statements(path: script.path) {
                try await driver.runHookStatement(statement, path: script.path)
            }
        } catch {
            throw RunStop.contextualized(error, path: script.path, subject: "hook")
        }
    }
}
