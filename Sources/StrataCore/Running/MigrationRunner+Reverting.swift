import StrataSQL

/// Reverting files one by one under the lock, newest first, by their down sections.
extension MigrationRunner {
    /// Reverts `statuses` in order, stopping cleanly when interrupted.
    func revert(_ statuses: [MigrationStatus], statements: inout StatementCache) async throws(StrataError) {
        let clock = ContinuousClock()
        var reverted: [MigrationVersion] = []
        // A whole-file run checks the lock inside its own commit: the next file then needs no separate check.
        var lockConfirmed = false
        for (index, status) in statuses.enumerated() {
            guard let migration = status.migration, let entry = status.history else { continue }
            if let reason = options.interruption?.triggeredReason {
                throw StrataError(
                    .interrupted, "interrupted (\(reason)): reverted \(RunStop.list(reverted)); "
                        + "still applied: \(RunStop.list(statuses[index...].map(\.version)))")
            }
            if !lockConfirmed, let reason = await driver.lockLossReason() {
                throw StrataError(
                    .lockTimeout, "stopped before reverting \(migration.version): \(reason)",
                    detail: "reverted in this run: \(RunStop.list(reverted))",
                    hint: "another strata run may be migrating now; check strata status, then rerun")
            }
            let start = clock.now
            do throws(StrataError) {
                let down = try statements.down(of: migration)
                lockConfirmed = try await revertOne(migration, down: down, recordedVersion: entry.version.rawValue)
            } catch {
                if let reason = options.interruption?.triggeredReason {
                    throw StrataError(
                        .interrupted, "interrupted (\(reason)): reverted \(RunStop.list(reverted)); "
                            + "\(migration.version) \(migration.name) was rolled back and stays applied; "
                            + "still applied: \(RunStop.list(statuses[index...].map(\.version)))")
                }
                throw RunStop.contextualized(error, path: migration.downPath, subject: "\(migration.version) \(migration.name)")
            }
            reverted.append(migration.version)
            progress(.reverted(migration, milliseconds: (clock.now - start).wholeMilliseconds))
        }
    }

    /// Runs the down section of `migration` and removes its history row, in one transaction when it is
    /// transactional. True when its commit proved the lock held (a whole-file run).
    private func revertOne(
        _ migration: Migration, down: [SQLStatement], recordedVersion: String
    ) async throws(StrataError) -> Bool {
        let clock = ContinuousClock()
        let start = clock.now
        switch migration.transactionMode {
        case .transactional:
            try Self.refuseNonTransactionalStatements(down, in: migration, path: migration.downPath)
            let whole = WholeFileRun(migration: migration, statements: down, direction: .revert, recordedVersion: recordedVersion)
            if try await ranWholeFile(whole, verify: []) { return true }
            try await driver.begin()
            do throws(StrataError) {
                try await driver.fence()
                try await driver.setTimeouts(
                    lockTimeout: migration.lockTimeout, statementTimeout: migration.statementTimeout, local: true)
                for (index, statement) in down.enumerated() {
                    try await run(statement, of: migration, index: index, count: down.count, direction: .down)
                }
                try await driver.confirmLockHeld()
                try await driver.removeRecord(
                    migration, recordedVersion: recordedVersion, durationMilliseconds: (clock.now - start).wholeMilliseconds)
                try await driver.commit()
            } catch {
                await driver.rollback()
                await driver.logEvent(
                    action: "rollback", version: recordedVersion, name: migration.name, outcome: "failed",
                    detail: error.message)
                if SessionChanges.changeSession(down) { await driver.resetSession() }
                throw error
            }
            if SessionChanges.changeSession(down) { await driver.resetSession() }
        case .nonTransactional:
            try await driver.setTimeouts(
                lockTimeout: migration.lockTimeout, statementTimeout: migration.statementTimeout, local: false)
            for (index, statement) in down.enumerated() {
                do throws(StrataError) {
                    try await driver.fence()
                    try await run(statement, of: migration, index: index, count: down.count, direction: .down)
                    try await driver.confirmLockHeld()
                } catch {
                    await driver.resetSession()
                    await driver.logEvent(
                        action: "rollback", version: recordedVersion, name: migration.name, outcome: "failed",
                        detail: "statement \(index + 1): \(error.message)")
                    var failure = error
                    failure.hint = (failure.hint.map { $0 + "; " } ?? "")
                        + "the down section's earlier statements stay committed (no-transaction file); "
                        + "a rerun starts the down section again, so write it with IF EXISTS"
                    throw failure
                }
            }
            await driver.resetSession()
            try await driver.removeRecord(
                migration, recordedVersion: recordedVersion, durationMilliseconds: (clock.now - start).wholeMilliseconds)
        }
        return false
    }
}
