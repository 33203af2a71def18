import Foundation
import StrataSQL
import Testing
@testable import StrataCore

/// The one-round-trip path of a transactional file: which files qualify, and that a failure is run again
/// statement by statement so it is reported exactly as before.
@Suite struct WholeFileRunTests {
    static func statements(_ sql: String) throws -> [SQLStatement] {
        try MigrationSection(sql: sql, origin: .start).statements(path: "x.sql")
    }

    @Test func plainDDLAndDMLQualifyButStatementsThatDifferInsideABlockDoNot() throws {
        let file = MigrationRunnerTests.migration("1", "CREATE a")
        for sql in [
            "CREATE TABLE t (id int); INSERT INTO t VALUES (1); COMMENT ON TABLE t IS 'x'",
            "WITH gone AS (DELETE FROM a RETURNING id) UPDATE b SET n = n - 1 WHERE id IN (SELECT id FROM gone)",
            "SET search_path = app, public; SELECT set_config('x.y', 'z', false)",
            "DO $$ BEGIN PERFORM 1; END $$",
        ] {
            #expect(WholeFileRun.qualifies(file, statements: try Self.statements(sql), verify: []), "\(sql)")
        }
        for sql in [
            "SELECT * INTO t2 FROM t", "COPY t FROM '/tmp/t.csv'",
            "WITH moved AS (DELETE FROM a RETURNING *) INSERT INTO b SELECT * FROM moved", "CALL p()", "PREPARE q AS SELECT 1",
            "CREATE TABLE t (id int); SAVEPOINT a", "VACUUM t", "CREATE INDEX CONCURRENTLY i ON t (id)",
        ] {
            #expect(!WholeFileRun.qualifies(file, statements: try Self.statements(sql), verify: []), "\(sql)")
        }
    }

    @Test func verifyQueriesRequirementsAndAStatementTimeoutKeepAFileStatementByStatement() throws {
        let up = try Self.statements("CREATE TABLE t (id int)")
        let verify = try Self.statements("SELECT true")
        var timed = MigrationRunnerTests.migration("1", "CREATE TABLE t (id int)")
        #expect(WholeFileRun.qualifies(timed, statements: up, verify: []))
        #expect(!WholeFileRun.qualifies(timed, statements: up, verify: verify))
        timed.statementTimeout = TimeoutValue(milliseconds: 1_000)
        #expect(!WholeFileRun.qualifies(timed, statements: up, verify: []))
        let needs = MigrationRunnerTests.migration(
            "2", "CREATE a", requires: ExtensionRequirement(extensionName: "vector", fallback: .skip))
        #expect(!WholeFileRun.qualifies(needs, statements: up, verify: []))
        let alone = MigrationRunnerTests.migration("3", "CREATE a", noTransaction: true)
        #expect(!WholeFileRun.qualifies(alone, statements: up, verify: []))
        #expect(!WholeFileRun.qualifies(MigrationRunnerTests.migration("4", "CREATE a"), statements: [], verify: []))
    }

    @Test func qualifyingFilesRunAsOneUnitWithTheirHistoryAndRollBackTheSameWay() async throws {
        let driver = InMemoryMigrationDriver()
        driver.runsWholeFiles = true
        let files = [
            MigrationRunnerTests.migration("1", "CREATE a;\nCREATE b", down: "DROP a;\nDROP b"),
            MigrationRunnerTests.migration("2", "CREATE c", down: "DROP c", verify: "SELECT true"),
        ]
        let summary = try await MigrationRunnerTests.runner(driver).migrate(files)
        #expect(summary.done.map(\.rawValue) == ["1", "2"])
        #expect(driver.objects == ["a", "b", "c"])
        #expect(driver.calls.contains("whole 1") && !driver.calls.contains("whole 2"))
        // File 1 needed no BEGIN/COMMIT of its own: the only transaction is file 2's (it has a verify query).
        #expect(driver.calls.filter { $0 == "begin" }.count == 1)
        try await MigrationRunnerTests.runner(driver).rollback(files, target: .toVersion(.zero))
        #expect(driver.objects.isEmpty)
        #expect(driver.history.isEmpty)
    }

    @Test func aFailureIsRunAgainStatementByStatementAndNamesItsLine() async throws {
        let driver = InMemoryMigrationDriver()
        driver.runsWholeFiles = true
        let files = [MigrationRunnerTests.migration("1", "CREATE a"), MigrationRunnerTests.migration("2", "CREATE b;\nCREATE c;\nCREATE a")]
        await #expect { try await MigrationRunnerTests.runner(driver).migrate(files) } throws: { error in
            let failure = error as? StrataError
            return failure?.location?.path == "db/migrations/2_m.sql" && failure?.location?.line == 4
                && failure?.sqlState == "42P07"
        }
        let calls = driver.calls
        let whole = try #require(calls.firstIndex(of: "whole 2"))
        #expect(calls[whole...].contains("begin") && calls[whole...].contains("rollback"))
        #expect(driver.objects == ["a"])
        #expect(driver.history.map(\.version.rawValue) == ["1"])
    }

    @Test func aLockLostBetweenWholeFilesStopsTheRunWithoutAnExtraCheckPerFile() async throws {
        let driver = InMemoryMigrationDriver()
        driver.runsWholeFiles = true
        driver.loseLockAfterCommits = 1
        let files = [MigrationRunnerTests.migration("1", "CREATE a"), MigrationRunnerTests.migration("2", "CREATE b")]
        await #expect { try await MigrationRunnerTests.runner(driver).migrate(files) } throws: { error in
            (error as? StrataError)?.code == .lockTimeout
        }
        // File 2's block saw the lost lock and rolled back; its statement-by-statement rerun stopped before commit.
        #expect(driver.objects == ["a"])
        #expect(driver.history.map(\.version.rawValue) == ["1"])
    }

    @Test func theOptionTurnsItOff() async throws {
        let driver = InMemoryMigrationDriver()
        driver.runsWholeFiles = true
        var options = MigratorOptions()
        options.wholeFileRuns = false
        _ = try await MigrationRunnerTests.runner(driver, options).migrate([MigrationRunnerTests.migration("1", "CREATE a")])
        #expect(!driver.calls.contains { $0.hasPrefix("whole") })
        #expect(driver.objects == ["a"])
    }
}

/// The byte search behind the quoting tags and the advisory-lock check agrees with `String.contains`.
@Suite struct ByteSearchTests {
    @Test func findsWhatStringContainsFinds() {
        for (text, needle) in [
            ("pg_advisory_unlock_all", "advisory"), ("SELECT '$s$'", "$s$"), ("$s", "$s$"), ("", "x"),
            ("aaab", "aab"), ("naïve $s1$ text", "$s1$"), ("advisor", "advisory"),
        ] {
            #expect(ByteSearch.contains(text, needle) == text.contains(needle), "\(text) / \(needle)")
        }
        #expect(ByteSearch.contains("abc", ""), "an empty needle is contained (Foundation says otherwise)")
    }
}
