import Foundation
import PostgresNIO
import StrataCore

/// `<schema>.jobs` (one row per backfill or import, with its progress and checkpoint) and `<schema>.job_batches`
/// (one row per committed batch, unique per job and batch end, so a batch that ran twice could not commit),
/// created on first use next to the history tables.
///
/// A process working on a job holds a session advisory lock on (``lockClass``, job id); a job recorded as
/// `running` whose lock nobody holds is reported as `interrupted`.
public struct JobsTable: Sendable {
    /// The schema holding the tables (default `strata`).
    public let schema: String
    let history: HistoryTable

    /// The first key of every job's advisory lock (`pg_try_advisory_lock(lockClass, id)`): "STRJ".
    public static let lockClass: Int32 = 1_398_034_506

    /// Creates a handle for the tables in `schema`.
    public init(schema: String = "strata") {
        self.schema = schema
        self.history = HistoryTable(schema: schema)
    }

    /// `"strata".jobs`
    public var jobsName: String { "\(SQLIdentifier.quoted(schema)).jobs" }
    /// `"strata".job_batches`
    public var batchesName: String { "\(SQLIdentifier.quoted(schema)).job_batches" }

    /// Creates the history tables and both job tables when missing. Safe to run while another process does the same.
    public func create(in session: DatabaseSession) async throws(StrataError) {
        try await history.create(in: session)
        if try await session.relationExists(batchesName) { return }
        let statements = [
            """
            CREATE TABLE IF NOT EXISTS \(jobsName) (
                id bigserial PRIMARY KEY,
                kind text NOT NULL,
                name text NOT NULL,
                target text NOT NULL,
                state text NOT NULL,
                definition text NOT NULL,
                key_columns text[] NOT NULL,
                checkpoint text[],
                upper_key text[],
                rows_done bigint NOT NULL DEFAULT 0,
                rows_changed bigint NOT NULL DEFAULT 0,
                rows_estimate bigint,
                batches bigint NOT NULL DEFAULT 0,
                batch_size integer,
                batch_time_ms integer NOT NULL DEFAULT 200,
                fixed_batch_size integer,
                sleep_ms integer NOT NULL DEFAULT 0,
                requested text,
                started_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                finished_at timestamptz,
                actor text NOT NULL DEFAULT current_user,
                error text
            )
            """,
            "CREATE INDEX IF NOT EXISTS jobs_kind_name ON \(jobsName) (kind, name, id)",
            """
            CREATE TABLE IF NOT EXISTS \(batchesName) (
                job_id bigint NOT NULL REFERENCES \(jobsName) (id) ON DELETE CASCADE,
                batch bigint NOT NULL,
                after_key text[],
                last_key text[] NOT NULL,
                rows integer NOT NULL,
                changed integer NOT NULL,
                duration_ms integer NOT NULL,
                done_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                PRIMARY KEY (job_id, batch),
                UNIQUE (job_id, last_key)
            )
            """,
        ]
        do throws(StrataError) {
            try await session.inTransaction { () throws(StrataError) in
                for statement in statements { try await session.run(PostgresQuery(unsafeSQL: statement)) }
            }
        } catch {
            if try await session.relationExists(batchesName) { return }
            throw history.privilegeHint(error)
        }
    }

    /// The columns of a job row, with `interrupted` for a running job whose lock nobody holds.
    var selectColumns: String {
        """
        SELECT j.id, j.kind, j.name, j.target,
            CASE WHEN j.state = 'running' AND NOT EXISTS (
                SELECT 1 FROM pg_locks l
                WHERE l.locktype = 'advisory' AND l.granted AND l.classid = \(Self.lockClass)::oid
                    AND l.objid = j.id::oid AND l.objsubid = 2
                    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            ) THEN 'interrupted' ELSE j.state END AS state,
            j.definition, j.key_columns, j.checkpoint, j.upper_key, j.rows_done, j.rows_changed, j.rows_estimate,
            j.batches, j.batch_time_ms::int8 AS batch_time_ms, j.fixed_batch_size::int8 AS fixed_batch_size,
            j.sleep_ms::int8 AS sleep_ms, j.requested, j.started_at, j.updated_at, j.finished_at, j.actor, j.error
        FROM \(jobsName) j
        """
    }

    /// Every job, newest first; empty when the table does not exist yet.
    public func list(in session: DatabaseSession, limit: Int = 100) async throws(StrataError) -> [JobRecord] {
        guard try await session.relationExists(jobsName) else { return [] }
        var binds = PostgresBindings()
        binds.append(Int64(limit))
        return try decode(try await session.run(PostgresQuery(
            unsafeSQL: selectColumns + " ORDER BY j.id DESC LIMIT $1", binds: binds)))
    }

    /// The job with `id`.
    public func job(id: Int64, in session: DatabaseSession) async throws(StrataError) -> JobRecord? {
        guard try await session.relationExists(jobsName) else { return nil }
        var binds = PostgresBindings()
        binds.append(id)
        return try decode(try await session.run(PostgresQuery(unsafeSQL: selectColumns + " WHERE j.id = $1", binds: binds))).first
    }

    /// The newest job of `kind` named `name`.
    public func latest(kind: JobRecord.Kind, name: String, in session: DatabaseSession) async throws(StrataError) -> JobRecord? {
        guard try await session.relationExists(jobsName) else { return nil }
        var binds = PostgresBindings()
        binds.append(kind.rawValue)
        binds.append(name)
        return try decode(try await session.run(PostgresQuery(
            unsafeSQL: selectColumns + " WHERE j.kind = $1 AND j.name = $2 ORDER BY j.id DESC LIMIT 1", binds: binds))).first
    }

    /// Turns rows of ``selectColumns`` into records.
    func decode(_ rows: [PostgresRow]) throws(StrataError) -> [JobRecord] {
        var jobs: [JobRecord] = []
        for row in rows {
            let cells = row.makeRandomAccess()
            do {
                let kindText = try cells["kind"].decode(String.self)
                let stateText = try cells["state"].decode(String.self)
                guard let kind = JobRecord.Kind(rawValue: kindText), let state = JobRecord.State(rawValue: stateText) else {
                    throw StrataError(
                        .validation, "\(jobsName) has a row Strata cannot read: kind '\(kindText)', state '\(stateText)'")
                }
                let pace = BackfillPace(
                    batchTime: .milliseconds(try cells["batch_time_ms"].decode(Int64.self)),
                    fixedBatchSize: try cells["fixed_batch_size"].decode(Int64?.self).map { Int($0) },
                    sleep: .milliseconds(try cells["sleep_ms"].decode(Int64.self)))
                jobs.append(JobRecord(
                    id: try cells["id"].decode(Int64.self), kind: kind, name: try cells["name"].decode(String.self),
                    target: try cells["target"].decode(String.self), state: state,
                    definition: try cells["definition"].decode(String.self),
                    keyColumns: try cells["key_columns"].decode([String].self),
                    checkpoint: try cells["checkpoint"].decode([String]?.self),
                    upperKey: try cells["upper_key"].decode([String]?.self),
                    rowsDone: try cells["rows_done"].decode(Int64.self),
                    rowsChanged: try cells["rows_changed"].decode(Int64.self),
                    rowsEstimate: try cells["rows_estimate"].decode(Int64?.self),
                    batches: try cells["batches"].decode(Int64.self), pace: pace,
                    requested: try cells["requested"].decode(String?.self).flatMap(JobRequest.init(rawValue:)),
                    startedAt: try cells["started_at"].decode(Date?.self),
                    updatedAt: try cells["updated_at"].decode(Date?.self),
                    finishedAt: try cells["finished_at"].decode(Date?.self),
                    actor: try cells["actor"].decode(String.self), error: try cells["error"].decode(String?.self)))
            } catch let error as StrataError {
                throw error
            } catch {
                throw StrataError(.internal, "cannot decode a row of \(jobsName)", detail: "\(error)")
            }
        }
        return jobs
    }

    /// Records a new running job.
    public func insert(
        kind: JobRecord.Kind, name: String, target: String, definition: String, keyColumns: [String], upperKey: [String]?,
        rowsEstimate: Int64?, pace: BackfillPace, in session: DatabaseSession
    ) async throws(StrataError) -> JobRecord {
        let batchTime = Int64(pace.batchTime.wholeMilliseconds)
        let fixed = pace.fixedBatchSize.map { Int64($0) }
        let sleep = Int64(pace.sleep.wholeMilliseconds)
        let kindText = kind.rawValue
        let rows = try await session.run("""
            INSERT INTO \(unescaped: jobsName) (kind, name, target, state, definition, key_columns, upper_key,
                rows_estimate, batch_time_ms, fixed_batch_size, sleep_ms)
            VALUES (\(kindText), \(name), \(target), 'running', \(definition), \(keyColumns), \(upperKey),
                \(rowsEstimate), \(batchTime)::int4, \(fixed)::int4, \(sleep)::int4)
            RETURNING id
            """)
        guard let id = try? rows.first?.decode(Int64.self), let job = try await job(id: id, in: session) else {
            throw StrataError(.internal, "cannot read back the new row of \(jobsName)")
        }
        return job
    }

    /// Sets a job's state (and error), clearing its request; done, failed and cancelled also set `finished_at`.
    public func setState(_ state: JobRecord.State, error: String?, id: Int64, in session: DatabaseSession) async throws(StrataError) {
        let stateText = state.rawValue
        let finished = [.done, .failed, .cancelled].contains(state)
        try await session.run("""
            UPDATE \(unescaped: jobsName) SET state = \(stateText), error = \(error), requested = NULL, updated_at = now(),
                finished_at = CASE WHEN \(finished) THEN now() END
            WHERE id = \(id)
            """)
    }

    /// Leaves a pause or cancel request for the process running the job.
    public func request(_ request: JobRequest, id: Int64, in session: DatabaseSession) async throws(StrataError) {
        let text = request.rawValue
        try await session.run("UPDATE \(unescaped: jobsName) SET requested = \(text), updated_at = now() WHERE id = \(id)")
    }

    /// Changes a job's pace; `nil` leaves a value as it is. `fixedBatchSize` 0 switches back to adaptive sizing.
    public func setPace(
        id: Int64, batchTime: Duration?, sleep: Duration?, fixedBatchSize: Int?, in session: DatabaseSession
    ) async throws(StrataError) {
        let batch = batchTime.map { Int64(max(1, $0.wholeMilliseconds)) }
        let pause = sleep.map { Int64($0.wholeMilliseconds) }
        let fixed = fixedBatchSize.map { Int64($0) }
        try await session.run("""
            UPDATE \(unescaped: jobsName) SET
                batch_time_ms = COALESCE(\(batch)::int4, batch_time_ms),
                sleep_ms = COALESCE(\(pause)::int4, sleep_ms),
                fixed_batch_size = CASE WHEN \(fixed)::int8 IS NULL THEN fixed_batch_size
                    ELSE NULLIF(\(fixed)::int8, 0)::int4 END,
                updated_at = now()
            WHERE id = \(id)
            """)
    }

    /// Takes job `id`'s advisory lock for this session; false when another session holds it.
    public func claim(id: Int64, in session: DatabaseSession) async throws(StrataError) -> Bool {
        let key = Int32(truncatingIfNeeded: id)
        let rows = try await session.run("SELECT pg_try_advisory_lock(\(Self.lockClass), \(key))")
        return (try? rows.first?.decode(Bool.self)) ?? false
    }

    /// Releases job `id`'s advisory lock; never throws.
    public func release(id: Int64, in session: DatabaseSession) async {
        let key = Int32(truncatingIfNeeded: id)
        _ = try? await session.run("SELECT pg_advisory_unlock(\(Self.lockClass), \(key))")
    }

    /// The batches of job `id` in order: (batch, after key, last key, rows, duration ms).
    public func batches(
        id: Int64, in session: DatabaseSession
    ) async throws(StrataError) -> [(batch: Int64, after: [String]?, last: [String], rows: Int64, milliseconds: Int64)] {
        let rows = try await session.run("""
            SELECT batch, after_key, last_key, rows::int8, duration_ms::int8 FROM \(unescaped: batchesName)
            WHERE job_id = \(id) ORDER BY batch
            """)
        do {
            return try rows.map { row in
                let (batch, after, last, count, milliseconds) = try row.decode((Int64, [String]?, [String], Int64, Int64).self)
                return (batch, after, last, count, milliseconds)
            }
        } catch {
            throw StrataError(.internal, "cannot decode a row of \(batchesName)", detail: "\(error)")
        }
    }
}
