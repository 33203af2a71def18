import StrataCore
import Testing

/// The pure preflight: lock conflicts, estimates, lock time and verdicts, without a server.
@Suite struct PreflightTests {
    let accounts = RelationName(schema: "public", name: "accounts")
    let throughput = Throughput(
        scanBytesPerSecond: 100_000_000, indexRowsPerSecond: 1_000_000, rewriteBytesPerSecond: 50_000_000,
        measuredAt: "2026-12-04T18:00:00Z")

    private func migration(_ touches: [TableTouch], transactional: Bool = true) -> PlannedMigration {
        PlannedMigration(
            version: "2", name: "change", isTransactional: transactional,
            statements: touches.enumerated().map { index, touch in
                PlannedStatement(index: index, line: index + 2, summary: "ALTER TABLE accounts", touches: [touch])
            })
    }

    @Test func conflictTableMatchesPostgres() {
        #expect(LockMode.accessExclusive.conflicts(with: .accessShare))
        #expect(!LockMode.share.conflicts(with: .accessShare))
        #expect(LockMode.share.conflicts(with: .rowExclusive))
        #expect(LockMode.rowShare.conflicts(with: .accessExclusive))
        #expect(!LockMode.rowExclusive.conflicts(with: .rowExclusive))
        #expect(LockMode.share.blocksWrites && !LockMode.share.blocksReads)
        #expect(!LockMode.shareUpdateExclusive.blocksWrites)
        #expect(LockMode(catalogName: "ShareUpdateExclusiveLock") == .shareUpdateExclusive)
        #expect(LockMode.accessExclusive.catalogName == "AccessExclusiveLock")
    }

    @Test func idleTransactionHoldingARowLockBlocks() {
        let idle = SessionFacts(
            pid: 4242, application: "billing", state: "idle in transaction", ageSeconds: 42,
            queryStart: "SELECT * FROM", locks: [SessionLock(table: accounts, mode: .rowShare, granted: true)])
        let facts = TableFacts(table: accounts, heapBytes: 8192, totalBytes: 16384, rows: 10)
        let result = Preflight.assess(
            migration([TableTouch(table: RelationName(name: "accounts"), lock: .accessExclusive, work: .none, reason: "ALTER TABLE")]),
            tables: [facts], sessions: [idle], throughput: throughput)
        #expect(result.verdict == .blocked)
        #expect(result.blockers.map(\.session.pid) == [4242])
        #expect(result.reasons.first?.contains("pid 4242 (billing, idle in transaction for 42 s, SELECT * FROM) holds ROW SHARE on public.accounts") == true)
        // A SHARE lock (CREATE INDEX) does not conflict with ROW SHARE.
        let index = Preflight.assess(
            migration([TableTouch(table: accounts, lock: .share, work: .indexBuild, reason: "CREATE INDEX")]),
            tables: [facts], sessions: [idle], throughput: throughput)
        #expect(index.verdict == .safe)
    }

    @Test func indexBuildOnALargeTableIsRiskyWithNumbers() {
        let facts = TableFacts(table: accounts, heapBytes: 1_000_000_000, totalBytes: 1_500_000_000, rows: 20_000_000)
        let result = Preflight.assess(
            migration([TableTouch(table: accounts, lock: .share, work: .indexBuild, reason: "CREATE INDEX builds an index")]),
            tables: [facts], sessions: [], throughput: throughput)
        // 1 GB at 100 MB/s + 20 M rows at 1 M rows/s.
        #expect(abs(result.lockSeconds - 30) < 0.001)
        #expect(result.verdict == .risky)
        #expect(result.reasons.first?.contains("1.4 GB, 20,000,000 rows") == true)
        #expect(result.reasons.first?.contains("which blocks writes") == true)
    }

    @Test func typeChangeIsARewriteOfTheWholeRelation() {
        let facts = TableFacts(table: accounts, heapBytes: 100_000_000, totalBytes: 500_000_000, rows: 1_000_000)
        let result = Preflight.assess(
            migration([TableTouch(table: accounts, lock: .accessExclusive, work: .rewrite, reason: "TYPE rewrites")]),
            tables: [facts], sessions: [], throughput: throughput)
        #expect(abs(result.lockSeconds - 10) < 0.001)
        #expect(result.reasons.first?.contains("reads and writes") == true)
    }

    @Test func newTableIsNeverFlagged() {
        let idle = SessionFacts(
            pid: 1, application: "", state: "idle in transaction", ageSeconds: 100, queryStart: "BEGIN",
            locks: [SessionLock(table: accounts, mode: .accessShare, granted: true)])
        let facts = TableFacts(table: accounts, heapBytes: 1_000_000_000, totalBytes: 1_000_000_000, rows: 9_000_000)
        let result = Preflight.assess(
            migration([TableTouch(table: accounts, lock: .share, work: .indexBuild, reason: "CREATE INDEX", isNew: true)]),
            tables: [facts], sessions: [idle], throughput: throughput)
        #expect(result.verdict == .safe)
        #expect(result.lockSeconds == 0)
        #expect(result.reasons.isEmpty)
    }

    @Test func transactionalLockTimeRunsToTheCommitAndMaxLockTimeMakesRisky() {
        let facts = TableFacts(table: accounts, heapBytes: 50_000_000, totalBytes: 50_000_000, rows: 100_000)
        let touches = [
            TableTouch(table: accounts, lock: .accessExclusive, work: .none, reason: "ADD COLUMN"),
            TableTouch(table: accounts, lock: .rowExclusive, work: .scan, reason: "UPDATE"),
        ]
        let inOne = Preflight.assess(
            migration(touches), tables: [facts], sessions: [], throughput: throughput,
            policy: PreflightPolicy(riskyLockSeconds: 10, maxLockSeconds: 0.2))
        #expect(abs(inOne.lockSeconds - 0.5) < 0.001)
        #expect(inOne.verdict == .risky)
        #expect(inOne.reasons.contains { $0.contains("exceeds the maximum 0.2 s") })
        let apart = Preflight.assess(
            migration(touches, transactional: false), tables: [facts], sessions: [], throughput: throughput,
            policy: PreflightPolicy(riskyLockSeconds: 10, maxLockSeconds: 0.2))
        #expect(apart.lockSeconds == 0)
        #expect(apart.verdict == .safe)
    }

    @Test func numbersForPeople() {
        #expect(ByteCount.grouped(2_000_000) == "2,000,000")
        #expect(ByteCount.text(1536) == "1.5 kB")
        #expect(DurationText.seconds(200) == "3 min 20 s")
        #expect(Throughput.assumed.statement.hasPrefix("throughput assumed"))
    }
}
