import Foundation
import PostgresNIO
import StrataCore

/// The ``BackfillDriver`` for PostgreSQL: one `DatabaseSession`, the job tables in `schema`, each batch in its own
/// short transaction (`SET LOCAL` lock and statement timeouts) that also moves the job's checkpoint and records
/// the batch, and a session advisory lock per running job.
public final class PostgresBackfillDriver: BackfillDriver, @unchecked Sendable {
    /// The connection it works on.
    public let session: DatabaseSession
    let jobs: JobsTable
    private let state = NSLock()
    private var tables: [String: BackfillTable] = [:]

    /// Creates the driver on `session`, with Strata's tables in `schema`.
    public init(session: DatabaseSession, schema: String = "strata") {
        self.session = session
        self.jobs = JobsTable(schema: schema)
    }

    public func prepareJobs() async throws(StrataError) {
        try await jobs.create(in: session)
    }

    public func latestJob(kind: JobRecord.Kind, name: String) async throws(StrataError) -> JobRecord? {
        try await jobs.latest(kind: kind, name: name, in: session)
    }

    public func job(id: Int64) async throws(StrataError) -> JobRecord? {
        try await jobs.job(id: id, in: session)
    }

    public func describe(_ definition: BackfillDefinition, exactCount: Bool) async throws(StrataError) -> BackfillTable {
        let written = definition.table
        let found = try await session.run("""
            SELECT c.oid::regclass::text, c.reltuples::int8 FROM pg_class c WHERE c.oid = to_regclass(\(written))
            """)
        guard let row = found.first, let (name, reltuples) = try? row.decode((String, Int64).self) else {
            throw StrataError(
                .usage, "backfill '\(definition.name)': table \(written) does not exist",
                location: definition.path.map { FileLocation(path: $0, line: 1) })
        }
        let keyRows = try await session.run("""
            SELECT a.attname::text, format_type(a.atttypid, a.atttypmod)
            FROM pg_index i
            CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = to_regclass(\(written)) AND i.indisprimary
            ORDER BY k.position
            """)
        let keys = keyRows.compactMap { try? $0.decode((String, String).self) }
        guard !keys.isEmpty else {
            throw StrataError(
                .usage, "backfill '\(definition.name)': table \(name) has no primary key to walk in batches",
                hint: "add a primary key (ALTER TABLE … ADD PRIMARY KEY …), or update it with a migration")
        }
        var table = BackfillTable(
            name: name, keyColumns: keys.map(\.0), keyTypes: keys.map(\.1), upperKey: nil, rowsEstimate: nil)
        let sql = BackfillSQL(definition: definition, table: table)
        let upper = try await session.run(PostgresQuery(unsafeSQL: sql.upperKey))
        table.upperKey = upper.first.flatMap { try? $0.decode([String].self) }
        if exactCount || reltuples < 0 || (reltuples == 0 && table.upperKey != nil) {
            let counted = try await session.run(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(name)"))
            table.rowsEstimate = counted.first.flatMap { try? $0.decode(Int64.self) }
        } else {
            table.rowsEstimate = reltuples
        }
        if table.upperKey == nil { table.rowsEstimate = 0 }
        return table
    }

    public func createJob(
        _ definition: BackfillDefinition, table: BackfillTable, pace: BackfillPace
    ) async throws(StrataError) -> JobRecord {
        let job = try await jobs.insert(
            kind: .backfill, name: definition.name, target: table.name, definition: definition.statement,
            keyColumns: table.keyColumns, upperKey: table.upperKey, rowsEstimate: table.rowsEstimate, pace: pace,
            in: session)
        state.withLock { tables[definition.statement] = table }
        return job
    }

    public func claim(jobID: Int64) async throws(StrataError) -> Bool {
        try await jobs.claim(id: jobID, in: session)
    }

    public func release(jobID: Int64) async {
        await jobs.release(id: jobID, in: session)
    }

    public func markRunning(jobID: Int64) async throws(StrataError) {
        try await jobs.setState(.running, error: nil, id: jobID, in: session)
    }

    /// The table of a job: described once per run (a resumed job keeps the upper key it started with).
    func table(for job: JobRecord, definition: BackfillDefinition) async throws(StrataError) -> BackfillTable {
        if let known = state.withLock({ tables[definition.statement] }) { return known }
        var described = try await describe(definition, exactCount: false)
        guard described.keyColumns == job.keyColumns else {
            throw StrataError(
                .jobFailed, "the primary key of \(described.name) changed since job \(job.id) started",
                detail: "was (\(job.keyColumns.joined(separator: ", "))), now (\(described.keyColumns.joined(separator: ", ")))",
                hint: "cancel the job (strata jobs cancel \(job.id)) and run the backfill again")
        }
        described.upperKey = job.upperKey
        let table = described
        state.withLock { tables[definition.statement] = table }
        return table
    }

    public func runBatch(
        job: JobRecord, definition: BackfillDefinition, after: [String]?, limit: Int, timeouts: BatchTimeouts
    ) async throws(StrataError) -> BatchOutcome? {
        guard let upper = job.upperKey else { return nil }
        let table = try await table(for: job, definition: definition)
        let sql = BackfillSQL(definition: definition, table: table)
        var binds = PostgresBindings()
        if let after { binds.append(after) }
        binds.append(upper)
        binds.append(Int64(limit))
        let query = PostgresQuery(unsafeSQL: sql.batch(fromStart: after == nil), binds: binds)
        let clock = ContinuousClock()
        let started = clock.now
        let lockTimeout = timeouts.lockTimeout.postgresLiteral
        let statementTimeout = timeouts.statementTimeout.postgresLiteral
        do throws(StrataError) {
            return try await session.inTransaction { () throws(StrataError) -> BatchOutcome? in
                try await session.run(
                    "SELECT set_config('lock_timeout', \(lockTimeout), true), set_config('statement_timeout', \(statementTimeout), true)")
                let rows = try await session.run(query)
                guard let row = rows.first else { return nil }
                let walked: Int64, changed: Int64, lastKey: [String]
                do {
                    (walked, changed, lastKey) = try row.decode((Int64, Int64, [String]).self)
                } catch {
                    throw StrataError(.internal, "cannot decode a backfill batch's result", detail: "\(error)")
                }
                let milliseconds = Int64((clock.now - started).wholeMilliseconds)
                let jobID = job.id
                let limit32 = Int64(limit)
                try await session.run("""
                    WITH moved AS (
                        UPDATE \(unescaped: jobs.jobsName) SET checkpoint = \(lastKey), rows_done = rows_done + \(walked),
                            rows_changed = rows_changed + \(changed), batches = batches + 1,
                            batch_size = \(limit32)::int4, updated_at = now()
                        WHERE id = \(jobID) RETURNING batches
                    )
                    INSERT INTO \(unescaped: jobs.batchesName) (job_id, batch, after_key, last_key, rows, changed, duration_ms)
                    SELECT \(jobID), batches, \(after), \(lastKey), \(walked)::int4, \(changed)::int4, \(milliseconds)::int4
                    FROM moved
                    """)
                return BatchOutcome(rows: Int(walked), changed: Int(changed), lastKey: lastKey, elapsed: clock.now - started)
            }
        } catch {
            throw Self.batchError(error, definition: definition)
        }
    }

    /// A server error in the user's statement is the backfill's failure, with its SQLSTATE.
    static func batchError(_ error: StrataError, definition: BackfillDefinition) -> StrataError {
        guard error.code == .internal, error.sqlState != nil else { return error }
        var failed = error
        failed.code = .jobFailed
        failed.message = "backfill '\(definition.name)': \(error.message)"
        if let path = definition.path, failed.location == nil { failed.location = FileLocation(path: path, line: 1) }
        return failed
    }

    public func control(jobID: Int64) async throws(StrataError) -> JobControl {
        guard let job = try await jobs.job(id: jobID, in: session) else {
            throw StrataError(.jobFailed, "job \(jobID) vanished from \(jobs.jobsName)")
        }
        return JobControl(requested: job.requested, pace: job.pace)
    }

    public func finish(jobID: Int64, state: JobRecord.State, error: String?) async throws(StrataError) {
        try await jobs.setState(state, error: error, id: jobID, in: session)
    }

    public func logEvent(action: String, name: String, outcome: String, detail: String?) async {
        try? await jobs.history.logEvent(
            action: action, version: nil, name: name, outcome: outcome, detail: detail, in: session)
    }

    public func previewBatch(_ definition: BackfillDefinition, table: BackfillTable, limit: Int) -> String {
        let elements = (table.upperKey ?? []).map { key in
            "\"" + key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let literal = "'{" + elements.joined(separator: ",").replacingOccurrences(of: "'", with: "''") + "}'::text[]"
        return BackfillSQL(definition: definition, table: table).batch(fromStart: true)
            .replacingOccurrences(of: "$1::text[]", with: literal)
            .replacingOccurrences(of: "OFFSET $2 - 1", with: "OFFSET \(max(0, limit - 1))")
    }
}
