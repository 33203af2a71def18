import Foundation
import PostgresNIO
import StrataCore
import StrataSQL

/// The ``MigrationDriver`` for PostgreSQL: the verbs of a run on one `DatabaseSession`, with the history tables in
/// the options' schema, the options' lock (advisory or lease), the run's session defaults and an observer that
/// names blockers and cancels a statement on interruption.
public final class PostgresMigrationDriver: MigrationDriver, @unchecked Sendable {
    /// The connection it works on.
    public let session: DatabaseSession
    /// Run-wide settings.
    public let options: MigratorOptions
    let history: HistoryTable
    let lock: any MigrationLocking
    private let state = NSLock()
    private var observer: SessionObserver?
    private var sessionDefaults: SessionDefaults?

    /// Creates the driver on `session`.
    public init(session: DatabaseSession, options: MigratorOptions) {
        self.session = session
        self.options = options
        self.history = HistoryTable(schema: options.schema)
        self.lock = options.makeLock()
    }

    // MARK: History

    public func historyEntries() async throws(StrataError) -> [HistoryEntry] {
        try await history.entries(in: session)
    }

    public func repeatableChecksums() async throws(StrataError) -> [String: String] {
        try await RepeatableHistory(history: history).checksums(in: session)
    }

    public func prepareHistory() async throws(StrataError) {
        try await history.create(in: session)
    }

    public func record(
        _ migration: Migration, recordedVersion: String?, state: HistoryEntry.State, durationMilliseconds: Int,
        statementsRun: Int, action: String
    ) async throws(StrataError) {
        try await history.record(
            migration, version: recordedVersion, state: state, durationMilliseconds: durationMilliseconds,
            statementsRun: statementsRun, action: action, in: session)
    }

    public func removeRecord(_ migration: Migration, recordedVersion: String, durationMilliseconds: Int) async throws(StrataError) {
        try await history.remove(
            migration, version: recordedVersion, durationMilliseconds: durationMilliseconds, in: session)
    }

    public func forgetSkipped(_ entry: HistoryEntry) async throws(StrataError) {
        try await history.forgetSkipped(entry, in: session)
    }

    public func recordRepeatable(
        _ repeatable: RepeatableMigration, durationMilliseconds: Int, statementsRun: Int
    ) async throws(StrataError) {
        try await RepeatableHistory(history: history).record(
            repeatable, durationMilliseconds: durationMilliseconds, statementsRun: statementsRun, in: session)
    }

    public func logEvent(action: String, version: String?, name: String?, outcome: String, detail: String?) async {
        try? await history.logEvent(
            action: action, version: version, name: name, outcome: outcome, detail: detail, in: session)
    }

    public func applyRepair(_ action: RepairAction, recordedVersion: String) async throws(StrataError) {
        switch action.kind {
        case .realignChecksum, .keepProgress:
            try await history.realignChecksum(
                version: recordedVersion, name: action.name, from: action.oldChecksum, to: action.newChecksum,
                in: session)
        case .markApplied:
            try await history.markApplied(
                version: recordedVersion, name: action.name, checksum: action.newChecksum, in: session)
        case .forget:
            try await history.forget(version: recordedVersion, name: action.name, in: session)
        }
    }

    // MARK: The lock and the run

    public func acquireLock() async throws(StrataError) {
        try await lock.acquire(on: session, interruption: options.interruption)
    }

    public func releaseLock() async {
        await lock.release(on: session)
    }

    public func lockLossReason() async -> String? {
        if let reason = lock.lossReason() { return reason }
        return await lock.checkHeld(on: session)
    }

    public func fence() async throws(StrataError) {
        try await lock.fence(on: session)
    }

    public func confirmLockHeld() async throws(StrataError) {
        if let reason = await lock.checkHeld(on: session) {
            throw StrataError(
                .lockTimeout, "stopped: \(reason)",
                hint: "the migration lock must stay held while Strata migrates; the file was rolled back. "
                    + "Remove pg_advisory_unlock_all() (or similar) from the migration, check strata status, then rerun")
        }
    }

    public func startRun() async throws(StrataError) {
        let observer = SessionObserver(session: session, enabled: options.lockStrategy == .advisory)
        await observer.prepare()
        var defaults: SessionDefaults?
        if options.lockStrategy == .advisory {
            let made = SessionDefaults(options: options, serverMajorVersion: await session.serverMajorVersion())
            try await made.apply(on: session)
            defaults = made
        }
        state.withLock {
            self.observer = observer
            self.sessionDefaults = defaults
        }
        try await applySearchPath()
    }

    /// Sets the options' `search_path` for the session (a tenant's schema), when they have one.
    private func applySearchPath() async throws(StrataError) {
        guard let searchPath = options.searchPath else { return }
        try await session.run("SELECT set_config('search_path', \(searchPath), false)")
    }

    public func finishRun() async {
        let observer = state.withLock { () -> SessionObserver? in
            defer { self.observer = nil }
            return self.observer
        }
        await observer?.close()
    }

    public func cancelRunningStatement() async {
        let observer = state.withLock { self.observer }
        await observer?.cancelRunningStatement()
    }

    public func lastBlockers() async -> String? {
        guard let observer = state.withLock({ observer }) else { return nil }
        return await observer.settledBlockers()
    }

    // MARK: Transactions and statements

    public func begin() async throws(StrataError) { try await session.run("BEGIN") }

    public func commit() async throws(StrataError) { try await session.run("COMMIT") }

    public func rollback() async { await session.rollbackQuietly() }

    /// Values equal to the run's session defaults are already in place and not sent; the rest go in one round trip.
    public func setTimeouts(lockTimeout: TimeoutValue?, statementTimeout: TimeoutValue?, local: Bool) async throws(StrataError) {
        let defaults = state.withLock { sessionDefaults }
        var settings: [String] = []
        if let value = lockTimeout ?? options.lockTimeout, value != defaults?.lockTimeout {
            settings.append("set_config('lock_timeout', '\(value.postgresLiteral)', \(local))")
        }
        if let value = statementTimeout ?? options.statementTimeout, value != defaults?.statementTimeout {
            settings.append("set_config('statement_timeout', '\(value.postgresLiteral)', \(local))")
        }
        guard !settings.isEmpty else { return }
        try await session.run(PostgresQuery(unsafeSQL: "SELECT " + settings.joined(separator: ", ")))
    }

    public func execute(_ statement: SQLStatement, path: String) async throws(StrataError) {
        let session = session
        guard let observer = state.withLock({ observer }) else {
            try await session.run(statement, path: path)
            return
        }
        _ = try await observer.watching { () throws(StrataError) in try await session.run(statement, path: path) }
    }

    public func verify(_ statement: SQLStatement, path: String) async throws(StrataError) -> VerifyAnswer {
        let rows = try await session.run(statement, path: path, failure: .verifyFailed)
        guard let first = statement.keywords.first, ["select", "with", "values", "table"].contains(first) else {
            return .notAQuery
        }
        guard let row = rows.first else { return .noRow }
        let cells = row.makeRandomAccess()
        guard cells.count > 0, cells[0].dataType == .bool else { return .notBoolean }
        let value: Bool? = try? cells[0].decode(Bool?.self)
        switch value {
        case true?: return .isTrue
        case false?: return .isFalse
        case nil: return .isNull
        }
    }

    /// The advisory lock only (a lease is checked by its own queries); the file's `lock_timeout` is set inside
    /// the block when it differs from the run's default.
    public func runWholeFile(_ run: WholeFileRun) async throws(StrataError) -> Bool {
        guard let lockHeld = lock.heldCondition(thorough: WholeFileBlock.mayReleaseTheLock(run.statements)) else {
            return false
        }
        let defaults = state.withLock { sessionDefaults }
        var settings: [String] = []
        if let value = run.migration.lockTimeout ?? options.lockTimeout, value != defaults?.lockTimeout {
            settings.append("set_config('lock_timeout', '\(value.postgresLiteral)', true)")
        }
        let elapsed = WholeFileBlock.elapsedMilliseconds
        let history: String
        switch run.direction {
        case .apply:
            history = self.history.recordSQL(
                run.migration, version: run.recordedVersion, state: .applied, duration: elapsed,
                statementsRun: run.statements.count, action: "apply")
        case .revert:
            guard let version = run.recordedVersion else { return false }
            history = self.history.removeSQL(run.migration, version: version, duration: elapsed)
        }
        let block = WholeFileBlock.text(
            statements: run.statements, settings: settings, lockHeld: lockHeld, history: history,
            checkFound: run.direction == .revert)
        let session = session
        let path = run.direction == .revert ? run.migration.downPath : run.migration.path
        session.logger.debug("\(path): \(run.statements.count) statements in one round trip")
        let query = PostgresQuery(unsafeSQL: block)
        guard let observer = state.withLock({ observer }) else {
            try await session.run(query)
            return true
        }
        _ = try await observer.watching { () throws(StrataError) in try await session.run(query) }
        return true
    }

    public func resetSession() async {
        _ = try? await session.run("RESET ALL")
        _ = try? await session.run("SET SESSION AUTHORIZATION DEFAULT")
        if let defaults = state.withLock({ sessionDefaults }) { _ = try? await defaults.apply(on: session) }
        try? await applySearchPath()
        await lock.sessionWasReset(on: session)
    }

    // MARK: Extensions and no-transaction statements

    public func extensionAvailable(_ name: String) async throws(StrataError) -> Bool {
        !(try await session.run("SELECT 1 FROM pg_available_extensions WHERE name = \(name)")).isEmpty
    }

    public func createExtension(_ name: String) async throws(StrataError) {
        try await session.run(PostgresQuery(unsafeSQL: "CREATE EXTENSION IF NOT EXISTS \(SQLIdentifier.quoted(name))"))
    }

    public func prepareNonTransactional(_ statement: SQLStatement, path: String) async throws(StrataError) {
        try await InvalidIndexRepair.prepare(statement, path: path, on: session)
    }

    public func alreadyTookEffect(_ statement: SQLStatement) async throws(StrataError) -> Bool {
        try await InvalidIndexRepair.validIndexExists(for: statement, on: session)
    }

    // MARK: Hooks

    public func runHookStatement(_ statement: SQLStatement, path: String) async throws(StrataError) {
        try await session.run(statement, path: path)
    }
}
