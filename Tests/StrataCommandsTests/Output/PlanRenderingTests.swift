import Foundation
import StrataCore
import Testing
@testable import StrataCommands

/// `strata plan`'s table and JSON.
@Suite struct PlanRenderingTests {
    static func report() -> PreflightCheck.Report {
        let accounts = RelationName(schema: "public", name: "accounts")
        let idle = SessionFacts(
            pid: 77, application: "psql", state: "idle in transaction", ageSeconds: 90, queryStart: "UPDATE accounts SET",
            locks: [SessionLock(table: accounts, mode: .rowExclusive, granted: true)])
        let lonely = SessionFacts(
            pid: 78, application: "report", state: "active", ageSeconds: 600, queryStart: "SELECT sum(x) FROM", locks: [])
        let migration = PlannedMigration(
            version: "3", name: "widen", isTransactional: true,
            statements: [PlannedStatement(index: 0, line: 2, summary: "ALTER TABLE accounts ALTER", touches: [
                TableTouch(table: RelationName(name: "accounts"), lock: .accessExclusive, work: .rewrite, reason: "ALTER COLUMN balance TYPE rewrites the table"),
            ])])
        let facts = TableFacts(table: accounts, heapBytes: 300 << 20, totalBytes: 400 << 20, rows: 5_000_000)
        let assessment = Preflight.assess(migration, tables: [facts], sessions: [idle, lonely], throughput: .assumed)
        return PreflightCheck.Report(throughput: .assumed, migrations: [assessment], otherSessions: [lonely])
    }

    @Test func tableShowsVerdictReasonsRowsAndOtherSessions() {
        let text = PlanRendering.table(Self.report())
        #expect(text.contains("3 widen: BLOCKED (blocking lock held about 16 s)"), "\(text)")
        #expect(text.contains("  - pid 77 (psql, idle in transaction for 90 s, UPDATE accounts SET) holds ROW EXCLUSIVE on public.accounts"), "\(text)")
        #expect(text.contains("ALTER COLUMN balance TYPE rewrites the table on public.accounts (400.0 MB, 5,000,000 rows), about 16 s holding ACCESS EXCLUSIVE, which blocks reads and writes"), "\(text)")
        #expect(text.contains("accounts  ACCESS EXCLUSIVE  rewrite  400.0 MB  5,000,000  16 s"), "\(text)")
        #expect(text.contains("  - pid 78 (report, active for 600 s, SELECT sum(x) FROM)"), "\(text)")
    }

    @Test func jsonHasSnakeCaseKeysAndTheVerdict() throws {
        let object = try JSONSerialization.jsonObject(with: Data(PlanRendering.json(Self.report()).utf8)) as? [String: Any]
        let migration = (object?["migrations"] as? [[String: Any]])?.first
        #expect(migration?["verdict"] as? String == "blocked")
        #expect((migration?["lock_seconds"] as? Double ?? 0) > 15)
        #expect((object?["other_sessions"] as? [[String: Any]])?.first?["pid"] as? Int == 78)
        #expect((object?["throughput"] as? [String: Any])?["measured_at"] == nil)
    }
}
