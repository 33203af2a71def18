import Foundation
import StrataSQL
@testable import StrataCore

/// A ``MigrationDriver`` that keeps history and "schema" in memory, for testing the runner's policy in
/// milliseconds. A statement's text is its effect: `CREATE name` adds `name` to `objects`, `FAIL` fails,
/// `LOCKED` fails with 55P03 while `lockedAttempts` lasts, `INTERRUPT` triggers the interruption, `DROP name`
/// removes it. Everything done inside a transaction is undone by `rollback`.
final class InMemoryMigrationDriver: MigrationDriver, @unchecked Sendable {
    private let lock = NSLock()
    private var state = State()
    private var saved: State?
    /// Calls in order, for asserting what the runner asked for (`begin`, `execute CREATE a`, `commit`, …).
    private(set) var calls: [String] = []
    var availableExtensions: Set<String> = []
    /// How many times a `LOCKED` statement fails with 55P03 before it succeeds.
    var lockedAttempts = 0
    /// Triggered by an `INTERRUPT` statement.
    var interruption: MigrationInterruption?
    /// Makes ``lockLossReason()`` and ``confirmLockHeld()`` report a lost lock after this many files.
    var loseLockAfterCommits: Int?
    private var commits = 0
    var lockHeld = false
    var lockAcquisitions = 0

    struct State {
        var history: [String: HistoryEntry] = [:]
        var repeatables: [String: String] = [:]
        var objects: Set<String> = []
        var events: [String] = []
    }

    var objects: Set<String> { lock.withLock { state.objects } }
    var history: [HistoryEntry] { lock.withLock { Array(state.history.values).sorted { $0.version < $1.version } } }
    var events: [String] { lock.withLock { state.events } }

    private func note(_ call: String) { lock.withLock { calls.append(call) } }

    func historyEntries() async throws(StrataError) -> [HistoryEntry] { note("history"); return history }
    func repeatableChecksums() async throws(StrataError) -> [String: String] { lock.withLock { state.repeatables } }
    func prepareHistory() async throws(StrataError) { note("prepare") }

    func record(
        _ migration: Migration, recordedVersion: String?, state entryState: HistoryEntry.State, durationMilliseconds: Int,
        statementsRun: Int, action: String
    ) async throws(StrataError) {
        note("record \(migration.version) \(entryState.rawValue) \(statementsRun)")
        lock.withLock {
            state.history[migration.version.rawValue] = HistoryEntry(
                version: migration.version, name: migration.name, checksum: migration.checksum, state: entryState,
                appliedAt: Date(), appliedBy: "test", durationMilliseconds: durationMilliseconds, statementsRun: statementsRun)
            state.events.append("\(action) \(migration.version)")
        }
    }

    func removeRecord(_ migration: Migration, recordedVersion: String, durationMilliseconds: Int) async throws(StrataError) {
        note("remove \(recordedVersion)")
        let removed = lock.withLock { state.history.removeValue(forKey: recordedVersion) }
        if removed == nil { throw StrataError(.validation, "no row for \(recordedVersion)") }
    }

    func forgetSkipped(_ entry: HistoryEntry) async throws(StrataError) {
        _ = lock.withLock { state.history.removeValue(forKey: entry.version.rawValue) }
    }

    func recordRepeatable(_ repeatable: RepeatableMigration, durationMilliseconds: Int, statementsRun: Int) async throws(StrataError) {
        lock.withLock { state.repeatables[repeatable.historyKey] = repeatable.checksum }
    }

    func logEvent(action: String, version: String?, name: String?, outcome: String, detail: String?) async {
        lock.withLock { state.events.append("\(action) \(version ?? "-") \(outcome)") }
    }

    func applyRepair(_ action: RepairAction, recordedVersion: String) async throws(StrataError) {
        note("repair \(action.kind.rawValue) \(recordedVersion)")
    }

    func acquireLock() async throws(StrataError) {
        note("lock")
        lock.withLock {
            lockHeld = true
            lockAcquisitions += 1
        }
    }

    func releaseLock() async {
        note("unlock")
        lock.withLock { lockHeld = false }
    }

    private var lockLost: Bool {
        lock.withLock { loseLockAfterCommits.map { commits >= $0 } ?? false }
    }

    func lockLossReason() async -> String? { lockLost ? "the lock was lost" : nil }
    func fence() async throws(StrataError) {}
    func confirmLockHeld() async throws(StrataError) {
        if lockLost { throw StrataError(.lockTimeout, "stopped: the lock was lost") }
    }
    func startRun() async throws(StrataError) { note("start-run") }
    func finishRun() async { note("finish-run") }
    func cancelRunningStatement() async { note("cancel") }
    func lastBlockers() async -> String? { "pid 1 (test)" }

    func begin() async throws(StrataError) {
        note("begin")
        lock.withLock { saved = state }
    }

    func commit() async throws(StrataError) {
        note("commit")
        lock.withLock {
            saved = nil
            commits += 1
        }
    }

    func rollback() async {
        note("rollback")
        lock.withLock {
            if let saved { state = saved }
            saved = nil
        }
    }

    func setTimeouts(lockTimeout: TimeoutValue?, statementTimeout: TimeoutValue?, local: Bool) async throws(StrataError) {}

    func execute(_ statement: SQLStatement, path: String) async throws(StrataError) {
        let words = statement.text.split(separator: " ").map(String.init)
        note("execute \(statement.text)")
        let location = FileLocation(path: path, line: statement.start.line, column: statement.start.column)
        switch words.first?.uppercased() {
        case "FAIL":
            throw StrataError(.migrationFailed, "failed on purpose", location: location, sqlState: "42000")
        case "LOCKED":
            let fail = lock.withLock { () -> Bool in
                guard lockedAttempts > 0 else { return false }
                lockedAttempts -= 1
                return true
            }
            if fail { throw StrataError(.migrationFailed, "canceling statement due to lock timeout", location: location, sqlState: "55P03") }
        case "INTERRUPT":
            interruption?.trigger(reason: "SIGTERM")
        case "CREATE":
            let name = words.count > 3 && words[1] == "INDEX" ? words[3] : (words.dropFirst().first ?? "")
            let exists = lock.withLock { !state.objects.insert(name).inserted }
            if exists { throw StrataError(.migrationFailed, "\(name) already exists", location: location, sqlState: "42P07") }
        case "DROP":
            _ = lock.withLock { state.objects.remove(words.dropFirst().first ?? "") }
        default:
            break
        }
    }

    func verify(_ statement: SQLStatement, path: String) async throws(StrataError) -> VerifyAnswer {
        switch statement.text.uppercased() {
        case "SELECT FALSE": return .isFalse
        case "SELECT NULL": return .isNull
        case "SELECT NOTHING": return .noRow
        default: return .isTrue
        }
    }

    /// Makes ``runWholeFile(_:)`` run a qualifying file as one unit, as the PostgreSQL driver does; off by default,
    /// so the other tests see every statement alone.
    var runsWholeFiles = false

    func runWholeFile(_ run: WholeFileRun) async throws(StrataError) -> Bool {
        guard runsWholeFiles else { return false }
        note("whole \(run.migration.version)")
        lock.withLock { saved = state }
        do throws(StrataError) {
            let path = run.direction == .revert ? run.migration.downPath : run.migration.path
            for statement in run.statements { try await execute(statement, path: path) }
            // The block checks the lock before it records the outcome, as the PostgreSQL driver's does.
            if lockLost { throw StrataError(.migrationFailed, "the migration lock is no longer held") }
            switch run.direction {
            case .apply:
                try await record(
                    run.migration, recordedVersion: run.recordedVersion, state: .applied, durationMilliseconds: 0,
                    statementsRun: run.statements.count, action: "apply")
            case .revert:
                try await removeRecord(run.migration, recordedVersion: run.recordedVersion ?? "", durationMilliseconds: 0)
            }
            lock.withLock {
                saved = nil
                commits += 1
            }
            return true
        } catch {
            lock.withLock {
                if let saved { state = saved }
                saved = nil
            }
            throw error
        }
    }

    func resetSession() async { note("reset") }

    func extensionAvailable(_ name: String) async throws(StrataError) -> Bool { lock.withLock { availableExtensions.contains(name) } }

    func createExtension(_ name: String) async throws(StrataError) {
        guard lock.withLock({ availableExtensions.contains(name) }) else {
            throw StrataError(.migrationFailed, "extension \(name) is not available", sqlState: "0A000")
        }
    }

    func prepareNonTransactional(_ statement: SQLStatement, path: String) async throws(StrataError) {}

    func alreadyTookEffect(_ statement: SQLStatement) async throws(StrataError) -> Bool {
        let words = statement.text.split(separator: " ").map(String.init)
        guard words.count >= 5, words[0] == "CREATE", words[1] == "INDEX", words[2] == "CONCURRENTLY" else { return false }
        return lock.withLock { state.objects.contains(words[3]) }
    }

    func runHookStatement(_ statement: SQLStatement, path: String) async throws(StrataError) {
        note("hook \(statement.text)")
    }

    /// Simulates a statement that took effect on the server after the client died: the object exists, no history.
    func addObject(_ name: String) { _ = lock.withLock { state.objects.insert(name) } }

    /// Sets a history row as a dead run left it.
    func setHistory(_ entry: HistoryEntry) { lock.withLock { state.history[entry.version.rawValue] = entry } }
}
