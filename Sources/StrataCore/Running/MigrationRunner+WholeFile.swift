import StrataSQL

/// The one-round-trip path of a transactional file (``WholeFileRun``), with the statement-by-statement run as its
/// fallback.
extension MigrationRunner {
    /// Runs `run` as one statement when the file qualifies and the driver can; `true` when it took effect (with
    /// its history change). A failure returns `false` after logging it: nothing took effect, and the caller runs
    /// the file statement by statement, which names the failing statement as before. An interruption or a lost
    /// connection is thrown as it is.
    func ranWholeFile(_ run: WholeFileRun, verify: [SQLStatement]) async throws(StrataError) -> Bool {
        guard options.wholeFileRuns, options.interruption?.isTriggered != true,
            WholeFileRun.qualifies(run.migration, statements: run.statements, verify: verify)
        else { return false }
        do throws(StrataError) {
            guard try await driver.runWholeFile(run) else { return false }
        } catch {
            if options.interruption?.isTriggered == true || error.code == .interrupted || error.code == .connection {
                throw error
            }
            logger.debug(
                "\(run.migration.version) \(run.migration.name): \(error.message); running it again statement by statement")
            return false
        }
        if SessionChanges.changeSession(run.statements) { await driver.resetSession() }
        return true
    }
}
