import PostgresNIO
import StrataCore

extension JobsTable {
    /// Records a new running import job: its checkpoint's fields as `key_columns`, the units and bytes of the whole
    /// input as `upper_key`, the units as the estimate, the chunk size as the fixed batch size (which a resumed run
    /// keeps unless told otherwise).
    public func insertImport(
        name: String, target: String, definition: String, units: Int, bytes: Int, chunkRows: Int, in session: DatabaseSession
    ) async throws(StrataError) -> JobRecord {
        try await insert(
            kind: .import, name: name, target: target, definition: definition, keyColumns: ImportCheckpoint.fields,
            upperKey: [String(units), String(bytes)], rowsEstimate: Int64(units), pace: BackfillPace(fixedBatchSize: chunkRows),
            in: session)
    }

    /// Inside a chunk's transaction: the chunk's row in `job_batches` (unique per job and end position, so a chunk
    /// can never commit twice) and the job's new checkpoint, rows loaded and chunk count.
    public func recordChunk(
        id: Int64, chunk: Int, from start: Int, checkpoint: ImportCheckpoint, loaded: Int, changed: Int,
        milliseconds: Int, in session: DatabaseSession
    ) async throws(StrataError) {
        let batch = Int64(chunk)
        let after = [String(start)]
        let last = [String(checkpoint.position)]
        let rows = Int64(loaded)
        let changedRows = Int64(changed)
        let duration = Int64(milliseconds)
        let texts = checkpoint.texts
        let total = Int64(checkpoint.loaded)
        try await session.run("""
            INSERT INTO \(unescaped: batchesName) (job_id, batch, after_key, last_key, rows, changed, duration_ms)
            VALUES (\(id), \(batch), \(after), \(last), \(rows)::int4, \(changedRows)::int4, \(duration)::int4)
            """)
        try await session.run("""
            UPDATE \(unescaped: jobsName) SET checkpoint = \(texts), rows_done = \(total),
                rows_changed = rows_changed + \(changedRows), batches = \(batch), updated_at = now()
            WHERE id = \(id)
            """)
    }
}
