import Foundation
import PostgresNIO
import StrataCore

/// Carries out the phases of a sync plan on PostgreSQL: check, start (dual-write triggers, then the copy), verify,
/// cut-over, complete, abort. Which step may run in which phase is ``SyncPhase``'s policy; the copy's loop is
/// ``SyncCopier``'s. Every DDL step runs in one short transaction under `lock_timeout`, holding the migration lock,
/// so it never interleaves with a `strata migrate`.
public struct SyncEngine: Sendable {
    /// The plan.
    public let plan: SyncPlan
    /// The schema of Strata's tables (where the trigger functions and `sync_tables` live).
    public let schema: String
    /// Rows per copy batch.
    public var batchSize: Int
    /// `lock_timeout` of each step and batch.
    public var lockTimeout: TimeoutValue
    /// `statement_timeout` of each copy batch.
    public var statementTimeout: TimeoutValue
    /// Keys per comparison chunk.
    public var chunkSize: Int
    /// Checked between copy batches.
    public var interruption: MigrationInterruption?
    /// True when the session already holds the migration lock (a step of a migration run): DDL steps then do not
    /// take it again.
    public var migrationLockHeld = false
    /// `lock_timeout` of each DDL step (cut-over, abort, complete, installing triggers): below PostgreSQL's
    /// `deadlock_timeout` (1 s), so a step whose lock order crosses a writer's gives way instead of the writer.
    public var stepLockTimeout = TimeoutValue(milliseconds: 300)
    /// How a DDL step that hit its lock timeout is tried again.
    public var stepRetry = LockTimeoutRetry.syncStep

    /// Creates an engine for `plan`.
    public init(
        plan: SyncPlan, schema: String = "strata", batchSize: Int = 5_000,
        lockTimeout: TimeoutValue = TimeoutValue(milliseconds: 2_000),
        statementTimeout: TimeoutValue = TimeoutValue(milliseconds: 60_000), chunkSize: Int = 10_000,
        interruption: MigrationInterruption? = nil
    ) {
        self.plan = plan
        self.schema = schema
        self.batchSize = batchSize
        self.lockTimeout = lockTimeout
        self.statementTimeout = statementTimeout
        self.chunkSize = chunkSize
        self.interruption = interruption
    }

    var state: SyncStateTable { SyncStateTable(schema: schema) }

    /// The first key of the advisory lock a process holds while it copies a sync: "STRS".
    static let lockClass: Int32 = 1_398_034_515

    // MARK: Check

    /// Checks every pair against the database (tables, columns, keys, and PostgreSQL's own check of the mapped
    /// copy) and returns what each phase will do. Changes nothing.
    public func check(in session: DatabaseSession) async throws(StrataError) -> [SyncPairPlan] {
        var plans: [SyncPairPlan] = []
        for pair in try await resolve(in: session) {
            let sql = sql(pair)
            do {
                _ = try await session.run(PostgresQuery(unsafeSQL: sql.explainCopy))
            } catch {
                var refused = error
                refused.code = .syncRefused
                refused.message = "\(pair.plan.from) → \(pair.plan.to): the mapped copy does not fit: \(error.message)"
                refused.location = FileLocation(path: plan.path, line: pair.plan.line)
                throw refused
            }
            let estimate = try await session.run(
                "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = to_regclass(\(pair.plan.from.quoted))")
            plans.append(SyncPairPlan(pair, archive: sql.archive, rowsEstimate: (try? estimate.first?.decode(Int64.self)) ?? nil))
        }
        return plans
    }

    func resolve(in session: DatabaseSession) async throws(StrataError) -> [ResolvedSyncTable] {
        var resolved: [ResolvedSyncTable] = []
        for pair in plan.tables {
            let location = FileLocation(path: plan.path, line: pair.line)
            // After cut-over the old name is a view; the old table's shape is its archive's.
            let archive = SyncSQL.archive(of: pair.from)
            let kind = try await session.run("SELECT relkind::text FROM pg_class WHERE oid = to_regclass(\(pair.from.quoted))")
            var archived = false
            if (try? kind.first?.decode(String.self)) == "v" { archived = try await session.relationExists(archive.quoted) }
            var from = try await SyncCatalog.shape(of: archived ? archive : pair.from, in: session, location: location)
            from.name = pair.from
            let to = try await SyncCatalog.shape(of: pair.to, in: session, location: location)
            resolved.append(try ResolvedSyncTable.resolve(pair, from: from, to: to, path: plan.path))
        }
        return resolved
    }

    func sql(_ pair: ResolvedSyncTable) -> SyncSQL { SyncSQL(table: pair, schema: schema, sync: plan.name) }

    /// The state rows of this plan by old table.
    func phases(in session: DatabaseSession) async throws(StrataError) -> [String: SyncStateTable.Row] {
        var byTable: [String: SyncStateTable.Row] = [:]
        for row in try await state.rows(sync: plan.name, in: session) { byTable[row.from] = row }
        return byTable
    }

    /// Runs `body` in one transaction under the step's `lock_timeout`, holding the migration lock; a lock timeout
    /// rolls it back and tries it again (``stepRetry``), so `body` must start from scratch each time.
    func ddl(
        in session: DatabaseSession, _ body: () async throws(StrataError) -> Void
    ) async throws(StrataError) {
        let logger = session.logger
        try await stepRetry.run({ () throws(StrataError) in
            if migrationLockHeld { return try await transaction(in: session, body) }
            let lock = MigrationLock(schema: schema, timeout: .seconds(30))
            try await lock.holding(on: session, interruption: interruption) { () throws(StrataError) in
                try await transaction(in: session, body)
            }
        }, onRetry: { attempt, delay, _ in
            logger.notice("sync \(plan.name): a table is busy (lock timeout \(stepLockTimeout)); retry \(attempt) in \(delay.wholeMilliseconds) ms")
        })
    }

    /// One transaction under the step's `lock_timeout`.
    func transaction(
        in session: DatabaseSession, _ body: () async throws(StrataError) -> Void
    ) async throws(StrataError) {
        try await session.inTransaction { () throws(StrataError) in
            try await session.run(PostgresQuery(unsafeSQL: "SET LOCAL lock_timeout = '\(stepLockTimeout.milliseconds)ms'"))
            try await body()
        }
    }

    /// Takes ACCESS EXCLUSIVE locks on `relations` in that order, in one statement.
    func lock(_ relations: [String], in session: DatabaseSession) async throws(StrataError) {
        guard !relations.isEmpty else { return }
        try await execute(["LOCK TABLE \(relations.joined(separator: ", ")) IN ACCESS EXCLUSIVE MODE"], in: session)
    }

    func execute(_ statements: [String], in session: DatabaseSession) async throws(StrataError) {
        for statement in statements {
            do {
                try await session.run(PostgresQuery(unsafeSQL: statement))
            } catch {
                var failed = error
                if failed.code == .internal { failed.code = .syncFailed }
                throw failed
            }
        }
    }

    func event(_ outcome: String, pair: String, detail: String? = nil, in session: DatabaseSession) async {
        try? await state.history.logEvent(
            action: "sync", version: nil, name: "\(plan.name) \(pair)", outcome: outcome, detail: detail, in: session)
    }

    // MARK: Status

    /// The phase of each pair of `sync` (of every sync when `nil`).
    public static func status(
        sync: String?, schema: String, in session: DatabaseSession
    ) async throws(StrataError) -> [SyncPairStatus] {
        try await SyncStateTable(schema: schema).rows(sync: sync, in: session).map { row in
            SyncPairStatus(
                sync: row.sync, from: row.from, to: row.to, phase: row.phase, rowsCopied: row.rowsCopied,
                verifyResult: row.verifyResult, verifiedAt: row.verifiedAt, updatedAt: row.updatedAt)
        }
    }
}

extension StrataError.Code {
    /// A sync step failed on the server (exit 1).
    public static let syncFailed = StrataError.Code("sync-failed", exitStatus: .failure)
}

/// What `strata sync plan` shows for a pair.
public struct SyncPairPlan: Sendable, Hashable {
    /// The old table.
    public var from: String
    /// The new table.
    public var to: String
    /// The key of the old table and its columns in the new one.
    public var fromKey: [String]
    /// The key columns in the new table.
    public var toKey: [String]
    /// A written column of the new table and the expression over the old row that fills it.
    public struct Column: Sendable, Hashable {
        /// The new table's column.
        public var column: String
        /// The SQL expression over the old row.
        public var expression: String
    }

    /// Each written column of the new table and the expression over the old row that fills it.
    public var columns: [Column]
    /// Old columns the compatibility view gives as NULL after cut-over (nothing copies them as they are).
    public var viewNullColumns: [String]
    /// Old NOT NULL columns without default that the write-back cannot fill: cut-over will be refused.
    public var unwritableOldColumns: [String]
    /// Where the old table goes at cut-over.
    public var archive: String
    /// The planner's row estimate of the old table.
    public var rowsEstimate: Int64?

    init(_ pair: ResolvedSyncTable, archive: QualifiedTableName, rowsEstimate: Int64?) {
        from = pair.plan.from.description
        to = pair.plan.to.description
        fromKey = pair.fromKey
        toKey = pair.toKey
        columns = pair.targets.map { Column(column: $0.column, expression: $0.expression) }
        viewNullColumns = pair.viewColumns.filter { $0.new == nil }.map(\.old.name)
        unwritableOldColumns = pair.unwritableOldColumns
        self.archive = archive.description
        self.rowsEstimate = rowsEstimate
    }
}

/// One pair's state, for `strata sync status`.
public struct SyncPairStatus: Sendable, Hashable {
    /// The sync's name.
    public var sync: String
    /// The old table.
    public var from: String
    /// The new table.
    public var to: String
    /// Its phase.
    public var phase: SyncPhase
    /// Rows copied so far.
    public var rowsCopied: Int64
    /// The last comparison's result (`ok`, or what differed), if any.
    public var verifyResult: String?
    /// When it was compared.
    public var verifiedAt: String?
    /// When the row last changed.
    public var updatedAt: String
}
