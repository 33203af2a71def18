import StrataSQL

/// The verbs a migration run needs from a database, and nothing more: the ``MigrationRunner`` decides (order,
/// retries, resume, verify, skip, interruption, stop reasons) and a driver executes. `StrataPostgres` provides the
/// PostgreSQL driver; the core's unit tests use an in-memory one.
///
/// Every call happens on one connection, in the order the runner makes it. `begin`/`commit`/`rollback` bracket a
/// transaction; statements outside a bracket commit on their own.
public protocol MigrationDriver: Sendable {
    // MARK: History

    /// The versioned history rows (empty before the first run); never creates anything.
    func historyEntries() async throws(StrataError) -> [HistoryEntry]
    /// The recorded checksum of each repeatable migration, by ``RepeatableMigration/historyKey``.
    func repeatableChecksums() async throws(StrataError) -> [String: String]
    /// Creates the history tables when missing.
    func prepareHistory() async throws(StrataError)
    /// Records a migration's outcome (insert or update, with an event), inside the current transaction if any.
    /// `recordedVersion` is the version text of an existing row (`2` may be recorded as `02`).
    func record(
        _ migration: Migration, recordedVersion: String?, state: HistoryEntry.State, durationMilliseconds: Int,
        statementsRun: Int, action: String
    ) async throws(StrataError)
    /// Removes a migration's row after its down section ran (with an event); throws when there was no row.
    func removeRecord(_ migration: Migration, recordedVersion: String, durationMilliseconds: Int) async throws(StrataError)
    /// Forgets a skipped migration's row (a rollback went below it).
    func forgetSkipped(_ entry: HistoryEntry) async throws(StrataError)
    /// Records a repeatable migration's checksum (with an event).
    func recordRepeatable(_ repeatable: RepeatableMigration, durationMilliseconds: Int, statementsRun: Int) async throws(StrataError)
    /// Appends an event; failures are ignored (the event log never stops a run).
    func logEvent(action: String, version: String?, name: String?, outcome: String, detail: String?) async
    /// Applies one history change of `strata repair` or `strata baseline`.
    func applyRepair(_ action: RepairAction, recordedVersion: String) async throws(StrataError)

    // MARK: The lock and the run

    /// Takes the migration lock, waiting as the options say; throws `lockTimeout` or `interrupted`.
    func acquireLock() async throws(StrataError)
    /// Releases the lock; never throws.
    func releaseLock() async
    /// Why the lock is no longer this run's (a lease taken over, an advisory lock dropped by a migration), checked
    /// before each file; `nil` while it is held.
    func lockLossReason() async -> String?
    /// Inside a transaction, at its start: proves the lock is still held and keeps it so until commit.
    func fence() async throws(StrataError)
    /// Just before a commit (and after each statement of a no-transaction file): throws when the lock was lost
    /// while the work ran, so the work rolls back instead of racing another run.
    func confirmLockHeld() async throws(StrataError)
    /// Sets up the connection for a run under the lock (session timeouts, an observer of blockers).
    func startRun() async throws(StrataError)
    /// Undoes ``startRun()``; never throws.
    func finishRun() async
    /// Cancels the statement now running, from outside (an interruption); never throws.
    func cancelRunningStatement() async
    /// The sessions last seen blocking a statement, for a lock-timeout message.
    func lastBlockers() async -> String?

    // MARK: Transactions and statements

    /// Opens a transaction.
    func begin() async throws(StrataError)
    /// Commits it.
    func commit() async throws(StrataError)
    /// Rolls it back; never throws.
    func rollback() async
    /// Sets `lock_timeout` and `statement_timeout` for what follows (`local`: for the transaction only); `nil`
    /// leaves the run's default.
    func setTimeouts(lockTimeout: TimeoutValue?, statementTimeout: TimeoutValue?, local: Bool) async throws(StrataError)
    /// Runs one statement of the file at `path`; a server error names path:line:column.
    func execute(_ statement: SQLStatement, path: String) async throws(StrataError)
    /// Runs a verify query and says what its first row's first value was.
    func verify(_ statement: SQLStatement, path: String) async throws(StrataError) -> VerifyAnswer
    /// Runs a whole transactional file (up or down) and its history change as one statement, in one round trip and
    /// one transaction, under the lock and with the file's `lock_timeout`; `false` when the driver cannot (nothing
    /// was sent). When it throws, nothing of the file took effect.
    func runWholeFile(_ run: WholeFileRun) async throws(StrataError) -> Bool
    /// Restores the session's settings after a file changed them (`SET`, `RESET`, `set_config`, a role).
    func resetSession() async

    // MARK: Extensions and no-transaction statements

    /// Whether the server can provide `name` (installed or available to install).
    func extensionAvailable(_ name: String) async throws(StrataError) -> Bool
    /// `CREATE EXTENSION IF NOT EXISTS name`.
    func createExtension(_ name: String) async throws(StrataError)
    /// Before a statement that cannot run in a transaction: repairs what an earlier failed attempt left (an INVALID
    /// index of a concurrent build).
    func prepareNonTransactional(_ statement: SQLStatement, path: String) async throws(StrataError)
    /// On resume: whether a statement that cannot run in a transaction already took effect when the process died
    /// before it could record that (the index it builds exists and is valid).
    func alreadyTookEffect(_ statement: SQLStatement) async throws(StrataError) -> Bool

    // MARK: Hooks and repeatables

    /// Runs a hook's statement outside any transaction.
    func runHookStatement(_ statement: SQLStatement, path: String) async throws(StrataError)

    /// Runs backfill `name` as the last step of the no-transaction `migration` (`-- strata:backfill NAME`).
    func runBackfillStep(named name: String, for migration: Migration) async throws(StrataError)

    /// Runs a sync step as a step of the no-transaction `migration` (`-- strata:sync STEP NAME`).
    func runSyncStep(_ step: SyncStep, for migration: Migration) async throws(StrataError)
}

/// What a verify query's first row said.
public enum VerifyAnswer: Sendable, Hashable {
    /// No row at all.
    case noRow
    /// A first value of `true`.
    case isTrue
    /// A first value of `false`.
    case isFalse
    /// A first value of `NULL` (a boolean column).
    case isNull
    /// A row whose first value is not a boolean: passes.
    case notBoolean
    /// The statement returns no rows by nature (not a query).
    case notAQuery
}
