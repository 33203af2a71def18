import Foundation
import PostgresNIO
import StrataCore

/// Measures this server's throughput once on a scratch table: a timed sequential scan, index build and rewrite
/// (`VACUUM FULL`). The table is created in the current schema under a unique name and dropped afterwards.
public struct ThroughputCalibration: Sendable {
    /// The session the scratch table is built on (autocommit).
    public let session: DatabaseSession
    /// Rows in the scratch table.
    public let rows: Int

    /// Calibrates on `session` with a scratch table of `rows` rows (500,000 by default: a few seconds).
    public init(session: DatabaseSession, rows: Int = 500_000) {
        self.session = session
        self.rows = rows
    }

    /// Builds the scratch table, times the three operations, drops it, and returns the throughput.
    public func measure(now: Date = Date()) async throws(StrataError) -> Throughput {
        let pid = (try? await session.backendProcessID()) ?? 0
        let table = "strata_calibration_\(pid)"
        _ = try await session.run("DROP TABLE IF EXISTS \(unescaped: table)")
        do {
            let result = try await measure(table: table, now: now)
            _ = try? await session.run("DROP TABLE IF EXISTS \(unescaped: table)")
            return result
        } catch {
            _ = try? await session.run("DROP TABLE IF EXISTS \(unescaped: table)")
            throw error
        }
    }

    private func measure(table: String, now: Date) async throws(StrataError) -> Throughput {
        _ = try await session.run("CREATE TABLE \(unescaped: table) (id int8, k int8, payload text)")
        _ = try await session.run(
            """
            INSERT INTO \(unescaped: table)
            SELECT g, (random() * 1e12)::int8, md5(g::text) FROM generate_series(1, \(Int64(rows))::int8) AS g
            """)
        _ = try await session.run("ANALYZE \(unescaped: table)")
        let heap = try await integer("SELECT pg_relation_size('\(table)')::int8")
        let clock = ContinuousClock()
        var start = clock.now
        _ = try await session.run("SELECT count(*) FROM \(unescaped: table)")
        let scanSeconds = max((clock.now - start).calibrationSeconds, 0.001)
        start = clock.now
        _ = try await session.run("CREATE INDEX ON \(unescaped: table) (k)")
        let indexSeconds = max((clock.now - start).calibrationSeconds, 0.001)
        let total = try await integer("SELECT pg_total_relation_size('\(table)')::int8")
        start = clock.now
        _ = try await session.run("VACUUM FULL \(unescaped: table)")
        let rewriteSeconds = max((clock.now - start).calibrationSeconds, 0.001)
        let scanRate = Double(heap) / scanSeconds
        // The index build reads the heap too: the rest of its time is the sort and the write, per row.
        let sortSeconds = max(indexSeconds - Double(heap) / scanRate, indexSeconds * 0.1)
        let formatter = ISO8601DateFormatter()
        return Throughput(
            scanBytesPerSecond: scanRate, indexRowsPerSecond: Double(rows) / sortSeconds,
            rewriteBytesPerSecond: Double(total) / rewriteSeconds, measuredAt: formatter.string(from: now))
    }

    private func integer(_ sql: String) async throws(StrataError) -> Int64 {
        let rows = try await session.run(PostgresQuery(unsafeSQL: sql))
        guard let value = try? rows.first?.decode(Int64.self) else {
            throw StrataError(.internal, "calibration: no number from \(sql.prefix(40))")
        }
        return value
    }
}

extension Duration {
    /// The duration in seconds, with fractions.
    fileprivate var calibrationSeconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
