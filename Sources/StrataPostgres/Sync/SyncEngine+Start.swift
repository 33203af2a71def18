import Foundation
import PostgresNIO
import StrataCore

extension SyncEngine {
    /// Progress of a copy, after each batch.
    public struct CopyProgress: Sendable {
        /// The old table.
        public var from: String
        /// Rows walked so far, this run and earlier ones.
        public var rows: Int64
        /// The planner's estimate of the old table's rows.
        public var estimate: Int64?
    }

    /// What `start` did for a pair.
    public struct StartReport: Sendable, Hashable {
        /// The old table.
        public var from: String
        /// The new table.
        public var to: String
        /// Rows walked by this run.
        public var rowsCopied: Int64
        /// Rows inserted by this run (the rest the triggers wrote first).
        public var rowsInserted: Int64
        /// True when an earlier run's copy was resumed after its checkpoint.
        public var resumed: Bool
        /// How long this pair's copy took.
        public var elapsed: Duration
    }

    /// Installs the dual-write triggers on every old table (one transaction, so every write from then on is
    /// mirrored), then copies the existing rows pair by pair in key order, resuming after the last committed batch
    /// of an earlier run. Refuses a table in another live sync and a new table that already holds rows.
    public func start(
        in session: DatabaseSession, progress: @escaping (CopyProgress) -> Void = { _ in }
    ) async throws(StrataError) -> [StartReport] {
        let pairs = try await resolve(in: session)
        for pair in pairs {
            do {
                _ = try await session.run(PostgresQuery(unsafeSQL: sql(pair).explainCopy))
            } catch {
                var refused = error
                refused.code = .syncRefused
                refused.location = FileLocation(path: plan.path, line: pair.plan.line)
                throw refused
            }
        }
        try await state.create(in: session)
        let known = try await phases(in: session)
        var fresh: [ResolvedSyncTable] = []
        for pair in pairs {
            let from = pair.plan.from.description
            try SyncPhase.check(.start, table: from, phase: known[from]?.phase)
            if let row = known[from], row.phase == .copying || row.phase == .synced { continue }
            for table in [from, pair.plan.to.description] {
                if let other = try await state.otherSync(touching: table, besides: plan.name, in: session) {
                    throw StrataError(
                        .syncRefused, "\(table) is already moved by the sync '\(other)'",
                        location: FileLocation(path: plan.path, line: pair.plan.line),
                        hint: "finish or abort '\(other)' first; two plans cannot move the same table")
                }
            }
            let rows = try await session.run("SELECT EXISTS (SELECT 1 FROM \(unescaped: pair.plan.to.quoted))")
            if (try? rows.first?.decode(Bool.self)) == true {
                throw StrataError(
                    .syncRefused, "\(pair.plan.to) already holds rows; a sync starts into an empty table",
                    location: FileLocation(path: plan.path, line: pair.plan.line),
                    hint: "abort would delete every row of it; empty it first, or let an earlier start of this plan resume")
            }
            fresh.append(pair)
        }
        if !fresh.isEmpty {
            try await ddl(in: session) { () throws(StrataError) in
                for pair in fresh {
                    let sql = sql(pair)
                    try await execute(sql.installForward, in: session)
                    let upper = try await session.run(PostgresQuery(unsafeSQL: sql.upperKey))
                    let upperKey = try? upper.first?.decode([String].self)
                    try await state.begin(
                        sync: plan.name, from: pair.plan.from.description, to: pair.plan.to.description,
                        upperKey: upperKey, in: session)
                }
            }
            for pair in fresh { await event("started", pair: pair.plan.from.description, in: session) }
        }
        return try await withCopyLock(in: session) { () throws(StrataError) -> [StartReport] in
            var reports: [StartReport] = []
            let current = try await phases(in: session)
            for pair in pairs {
                let from = pair.plan.from.description
                guard let row = current[from], row.phase == .copying else { continue }
                reports.append(try await copy(pair, row: row, in: session, progress: progress))
            }
            // Writes a foreign key refused while the rows they depend on were still being copied: copied now.
            for pair in pairs {
                let left = try await catchUp(pair, in: session)
                if left > 0 {
                    session.logger.warning(
                        "\(pair.plan.from): \(left) mirrored writes still wait for a row they reference; 'strata sync verify \(plan.name) --repair' copies them once it is there")
                }
            }
            return reports
        }
    }

    /// Runs `body` holding this sync's copy lock; a second process copying the same sync is refused (exit 5).
    func withCopyLock<T>(
        in session: DatabaseSession, _ body: () async throws(StrataError) -> T
    ) async throws(StrataError) -> T {
        let key = Int32(truncatingIfNeeded: MigrationLock.key(for: "sync:" + plan.name))
        let taken = try await session.run("SELECT pg_try_advisory_lock(\(Self.lockClass), \(key))")
        guard (try? taken.first?.decode(Bool.self)) == true else {
            throw StrataError(
                .jobBusy, "another process is copying the sync '\(plan.name)' right now",
                hint: "wait for it ('strata sync status \(plan.name)'), or stop it and run start again to resume")
        }
        do throws(StrataError) {
            let result = try await body()
            _ = try? await session.run("SELECT pg_advisory_unlock(\(Self.lockClass), \(key))")
            return result
        } catch {
            _ = try? await session.run("SELECT pg_advisory_unlock(\(Self.lockClass), \(key))")
            throw error
        }
    }

    func copy(
        _ pair: ResolvedSyncTable, row: SyncStateTable.Row, in session: DatabaseSession,
        progress: @escaping (CopyProgress) -> Void
    ) async throws(StrataError) -> StartReport {
        let clock = ContinuousClock()
        let started = clock.now
        let from = pair.plan.from.description
        let estimateRows = try await session.run(
            "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = to_regclass(\(pair.plan.from.quoted))")
        let estimate = (try? estimateRows.first?.decode(Int64.self)) ?? nil
        let batches = PostgresSyncCopyBatches(
            session: session, sql: sql(pair), state: state, sync: plan.name, from: from, upperKey: row.upperKey,
            lockTimeout: lockTimeout, statementTimeout: statementTimeout)
        let copier = SyncCopier(batchSize: batchSize, interruption: interruption)
        let already = row.rowsCopied
        let outcome = try await copier.copy(batches, from: row.checkpoint) { done in
            progress(CopyProgress(from: from, rows: already + done.rows, estimate: estimate))
        }
        try await state.setPhase(.synced, sync: plan.name, from: from, in: session)
        await event("copied", pair: from, detail: "\(already + outcome.rows) rows", in: session)
        return StartReport(
            from: from, to: pair.plan.to.description, rowsCopied: outcome.rows, rowsInserted: outcome.inserted,
            resumed: row.checkpoint != nil, elapsed: clock.now - started)
    }
}

/// The copy batches of one pair on PostgreSQL: each batch and its checkpoint in one short transaction.
struct PostgresSyncCopyBatches: SyncCopyBatches {
    let session: DatabaseSession
    let sql: SyncSQL
    let state: SyncStateTable
    let sync: String
    let from: String
    let upperKey: [String]?
    let lockTimeout: TimeoutValue
    let statementTimeout: TimeoutValue

    func copyBatch(after: [String]?, limit: Int) async throws(StrataError) -> SyncCopyBatch? {
        guard let upperKey, after != upperKey else { return nil }
        var bindings = PostgresBindings()
        if let after { bindings.append(after) }
        bindings.append(upperKey)
        bindings.append(limit)
        let query = PostgresQuery(unsafeSQL: sql.copyBatch(fromStart: after == nil), binds: bindings)
        return try await session.inTransaction { () throws(StrataError) -> SyncCopyBatch? in
            try await session.run(PostgresQuery(unsafeSQL: "SET LOCAL lock_timeout = '\(lockTimeout.milliseconds)ms'"))
            try await session.run(PostgresQuery(unsafeSQL: "SET LOCAL statement_timeout = '\(statementTimeout.milliseconds)ms'"))
            let rows = try await session.run(query)
            // A range whose rows were all deleted meanwhile walks none and still moves the checkpoint on.
            guard let row = rows.first, let (walked, inserted, lastKey) = try? row.decode((Int64, Int64, [String]).self)
            else {
                throw StrataError(.internal, "the copy batch of \(from) after \(after ?? []) returned no checkpoint")
            }
            try await state.checkpoint(sync: sync, from: from, lastKey: lastKey, rows: Int(walked), in: session)
            return SyncCopyBatch(rows: Int(walked), inserted: Int(inserted), lastKey: lastKey)
        }
    }
}
