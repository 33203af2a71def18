import Logging
import PostgresNIO
import StrataCore
import StrataSQL

/// Applies seed sets on one session: the engine behind `strata seed`, `seed status` and `seed reset`.
///
/// Each file runs in one transaction with its history row; a file applied with the same checksum is skipped, a
/// changed one runs again. `reset` empties the sets' declared tables and runs their files again, all in one
/// transaction. Runs hold the migration lock, so a seed never interleaves with a migration of the same history.
public struct Seeder: Sendable {
    /// The connection it works on.
    public let session: DatabaseSession
    /// Receives one report per file.
    public let progress: @Sendable (SeedProgress) -> Void
    let history: SeedHistoryTable
    let lock: any MigrationLocking
    let interruption: MigrationInterruption?

    /// Creates a seeder on `session`. From `options` it takes the history schema, and the lock of the run's
    /// strategy (advisory, or the lease behind PgBouncer) with its wait limit and interruption.
    public init(
        session: DatabaseSession, options: MigratorOptions = MigratorOptions(),
        progress: @escaping @Sendable (SeedProgress) -> Void = { _ in }
    ) {
        self.session = session
        self.progress = progress
        self.history = SeedHistoryTable(schema: options.schema)
        self.lock = options.makeLock()
        self.interruption = options.interruption
    }

    /// The state of every set on disk or in history, without creating anything. A file applied with its current
    /// checksum whose data is gone is `stale`, with the reason.
    public func status(of sets: [SeedSet], environment: String?) async throws(StrataError) -> [SeedSetStatus] {
        SeedSetStatus.statuses(of: sets, history: try await entries(of: sets), environment: environment)
    }

    /// The history rows, with a stale reason also for the rows of a set one of whose declared tables is empty (or
    /// gone): the data the set wrote is not there, whatever the row says.
    func entries(of sets: [SeedSet]) async throws(StrataError) -> [SeedHistoryEntry] {
        var entries = try await history.entries(in: session)
        for set in sets where !set.tables.isEmpty {
            guard entries.contains(where: { $0.setName == set.name && $0.staleReason == nil }) else { continue }
            guard let reason = try await emptyTableReason(set) else { continue }
            for index in entries.indices where entries[index].setName == set.name && entries[index].staleReason == nil {
                entries[index].staleReason = reason
            }
        }
        return entries
    }

    /// `table plans is empty` for the first declared table of `set` without rows (or missing), else nil.
    private func emptyTableReason(_ set: SeedSet) async throws(StrataError) -> String? {
        for table in set.tables {
            guard try await session.relationExists(table) else { return "table \(table) does not exist" }
            let rows = try await session.run(PostgresQuery(unsafeSQL: "SELECT EXISTS (SELECT 1 FROM \(table))"))
            let hasRows: Bool
            do {
                hasRows = try rows.first?.decode(Bool.self) ?? false
            } catch {
                throw StrataError(.internal, "cannot tell whether \(table) has rows", detail: "\(error)")
            }
            if !hasRows { return "table \(table) is empty" }
        }
        return nil
    }

    /// Applies the files of `sets` that are pending or changed, set by set in the given order.
    @discardableResult
    public func seed(_ sets: [SeedSet]) async throws(StrataError) -> SeedRunSummary {
        for set in sets { for file in set.files { try Self.refuseTransactionControl(try file.statements(), in: file) } }
        return try await withLock { () throws(StrataError) -> SeedRunSummary in
            try await history.create(in: session)
            let entries = try await entries(of: sets)
            var summary = SeedRunSummary()
            for set in sets {
                for file in set.files {
                    let recorded = entries.first { $0.setName == set.name && $0.fileName == file.fileName }
                    if recorded?.checksum == file.checksum {
                        guard let reason = recorded?.staleReason else {
                            summary.unchanged += 1
                            progress(.unchanged(file))
                            continue
                        }
                        progress(.stale(file, reason: reason))
                    }
                    try await session.run("BEGIN")
                    let (statements, milliseconds) = try await run(file, action: "seed")
                    try await commit(file, action: "seed")
                    summary.applied.append("\(set.name)/\(file.fileName)")
                    progress(.applied(file, milliseconds: milliseconds, statements: statements, again: recorded != nil))
                }
            }
            return summary
        }
    }

    /// Empties the declared tables of `sets` and applies all their files again, in one transaction. A set that
    /// declares no table (`-- strata:seed-tables`) is refused before anything runs. Files of `others` (the sets not
    /// reset) that depend on an emptied table — their set declares it, or they insert into it — are marked stale in
    /// the same transaction, so the next `seed` applies them again.
    @discardableResult
    public func reset(_ sets: [SeedSet], others: [SeedSet] = []) async throws(StrataError) -> SeedRunSummary {
        for set in sets where set.tables.isEmpty {
            throw StrataError(
                .invalidSeed, "seed set '\(set.name)' declares no tables, so Strata cannot know what to empty",
                location: set.files.first.map { FileLocation(path: $0.path, line: 1) },
                hint: "add a line '-- strata:seed-tables table_a, table_b' to a file of \(set.path) naming the tables the set fills")
        }
        for set in sets { for file in set.files { try Self.refuseTransactionControl(try file.statements(), in: file) } }
        return try await withLock { () throws(StrataError) -> SeedRunSummary in
            try await history.create(in: session)
            var summary = SeedRunSummary()
            try await session.run("BEGIN")
            let tables = sets.flatMap(\.tables)
            if !tables.isEmpty {
                do throws(StrataError) {
                    try await session.run(PostgresQuery(unsafeSQL: "TRUNCATE " + tables.joined(separator: ", ") + " RESTART IDENTITY"))
                } catch {
                    await session.rollbackQuietly()
                    var failure = error
                    failure.code = .seedFailed
                    failure.message = "cannot empty \(tables.joined(separator: ", ")): \(error.message)"
                    if error.sqlState == "0A000" {
                        failure.hint = "another table references one of them: add it to the set's seed-tables, or reset its set too"
                    }
                    throw failure
                }
            }
            let emptied = Set(sets.flatMap { $0.normalizedTables })
            let resetNames = Set(sets.map(\.name))
            var affected: [(setName: String, fileName: String)] = []
            for other in others where !resetNames.contains(other.name) {
                for file in other.files where !other.dependencies(of: file).isDisjoint(with: emptied) {
                    affected.append((other.name, file.fileName))
                }
            }
            if !affected.isEmpty {
                let names = sets.map(\.name).joined(separator: " ")
                do throws(StrataError) {
                    try await history.markStale(
                        affected, reason: "'seed reset \(names)' emptied a table it fills", in: session)
                } catch {
                    await session.rollbackQuietly()
                    throw error
                }
            }
            for set in sets { progress(.truncated(set)) }
            var done: [(SeedFile, Int, Int)] = []
            for set in sets {
                for file in set.files {
                    let (statements, milliseconds) = try await run(file, action: "seed-reset")
                    done.append((file, statements, milliseconds))
                }
            }
            try await commit(nil, action: "seed-reset")
            for (file, statements, milliseconds) in done {
                summary.applied.append("\(file.setName)/\(file.fileName)")
                progress(.applied(file, milliseconds: milliseconds, statements: statements, again: true))
            }
            return summary
        }
    }

    /// Runs a file's statements and records it, inside the caller's open transaction; rolls back on failure.
    private func run(_ file: SeedFile, action: String) async throws(StrataError) -> (statements: Int, milliseconds: Int) {
        let clock = ContinuousClock()
        let start = clock.now
        do throws(StrataError) {
            let statements = try file.statements()
            for statement in statements {
                try await session.run(statement, path: file.path, failure: .seedFailed)
            }
            let milliseconds = (clock.now - start).wholeMilliseconds
            try await history.record(
                file, action: action, durationMilliseconds: milliseconds, statementsRun: statements.count, in: session)
            return (statements.count, milliseconds)
        } catch {
            await session.rollbackQuietly()
            await history.logFailure(file, action: action, detail: error.message, in: session)
            throw error
        }
    }

    private func commit(_ file: SeedFile?, action: String) async throws(StrataError) {
        do throws(StrataError) {
            try await session.run("COMMIT")
        } catch {
            await session.rollbackQuietly()
            if let file { await history.logFailure(file, action: action, detail: error.message, in: session) }
            var failure = error
            failure.code = .seedFailed
            throw failure
        }
    }

    /// A seed file runs in one transaction: `BEGIN`/`COMMIT` and statements that cannot run in a transaction are
    /// refused before anything runs.
    static func refuseTransactionControl(_ statements: [SQLStatement], in file: SeedFile) throws(StrataError) {
        for statement in statements where statement.isTransactionControl || statement.requiresNoTransaction {
            throw StrataError(
                .invalidSeed,
                "'\(statement.keywords.prefix(3).joined(separator: " ").uppercased())' cannot run in a seed file: each seed file runs in one transaction",
                location: FileLocation(path: file.path, line: statement.start.line, column: statement.start.column),
                hint: "remove it; put schema changes that need it in a no-transaction migration")
        }
    }

    private func withLock<T: Sendable>(_ body: () async throws(StrataError) -> T) async throws(StrataError) -> T {
        try await lock.holding(on: session, interruption: interruption, body)
    }
}
