import Foundation
import PostgresNIO
import StrataCore
import StrataPostgres
import Testing

/// The engine against a real PostgreSQL: what a user checks after `migrate`, a failure, `rollback`.
@Suite struct MigratorTests {
    @Test func appliesPendingMigrationsOnceWithHistory() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_users.sql", "-- strata:up\nCREATE TABLE users (id bigint PRIMARY KEY);\n-- strata:down\nDROP TABLE users;")
        try fixture.write("2_posts.sql", "-- strata:up\nCREATE TABLE posts (id bigint);\nCREATE INDEX posts_id ON posts (id);\n-- strata:down\nDROP TABLE posts;")
        let first = try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        #expect(first.done.map(\.rawValue) == ["1", "2"])
        #expect(try await fixture.publicTables() == ["posts", "users"])
        let second = try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        #expect(second.done.isEmpty)
        let history = try await fixture.strings("SELECT version || ':' || state || ':' || statements_run FROM strata.schema_history ORDER BY version")
        #expect(history == ["1:applied:1", "2:applied:2"])
        let statuses = try await fixture.withMigrator { try await $0.status(of: try fixture.migrations()) }
        #expect(statuses.map(\.state) == [.applied, .applied])
    }

    @Test func failingFileLeavesDatabaseAsBeforeItAndNamesFileLineColumn() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_ok.sql", "CREATE TABLE a (id int);")
        let path = try fixture.write("2_bad.sql", "-- strata:up\nCREATE TABLE b (id int);\nINSERT INTO b SELECT id FROM missing_table;\n")
        try fixture.write("3_later.sql", "CREATE TABLE c (id int);")
        do {
            try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
            Issue.record("expected the migration to fail")
        } catch let error as StrataError {
            #expect(error.code == .migrationFailed)
            #expect(error.sqlState == "42P01")
            #expect(error.location?.path == path)
            #expect(error.location?.line == 3)
            #expect(error.location?.column == 30)
            #expect(error.exitStatus == .failure)
        }
        // File 1 committed; nothing of file 2 (its first statement rolled back); file 3 never ran.
        #expect(try await fixture.publicTables() == ["a"])
        #expect(try await fixture.strings("SELECT version FROM strata.schema_history") == ["1"])
        #expect(try await fixture.strings("SELECT outcome FROM strata.events WHERE version = '2'") == ["failed"])
        // Fixed file: the rerun applies 2 and 3.
        try fixture.write("2_bad.sql", "-- strata:up\nCREATE TABLE b (id int);\n")
        let rerun = try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        #expect(rerun.done.map(\.rawValue) == ["2", "3"])
    }

    @Test func failingVerifyRollsTheMigrationBack() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_v.sql", "-- strata:up\nCREATE TABLE v (id int);\n-- strata:verify\nSELECT count(*) > 0 FROM v;\n")
        await #expect(throws: StrataError.self) {
            try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        }
        #expect(try await fixture.publicTables() == [])
        try fixture.write("2_v.sql", "-- strata:up\nCREATE TABLE w (id int);\n-- strata:verify\nSELECT 1 FROM information_schema.tables WHERE table_name = 'w';\n")
        try FileManager.default.removeItem(atPath: fixture.folder + "/1_v.sql")
        try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        #expect(try await fixture.publicTables() == ["w"])
    }

    @Test func requiredExtensionAvailableIsCreated() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_trgm.sql", """
            -- strata:require extension=pg_trgm else=fail
            -- strata:up
            CREATE TABLE docs (body text);
            CREATE INDEX docs_trgm ON docs USING gin (body gin_trgm_ops);
            """)
        try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        #expect(try await fixture.strings("SELECT extname::text FROM pg_extension WHERE extname = 'pg_trgm'") == ["pg_trgm"])
    }

    @Test func missingExtensionWithSkipIsRecordedAndRetried() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_base.sql", "CREATE TABLE k (id int);")
        try fixture.write("2_vec.sql", """
            -- strata:require extension=strata_no_such_extension else=skip
            -- strata:up
            ALTER TABLE k ADD COLUMN embedding text;
            """)
        try fixture.write("3_after.sql", "CREATE TABLE after_skip (id int);")
        let summary = try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        #expect(summary.done.map(\.rawValue) == ["1", "3"])
        #expect(summary.skipped.map(\.rawValue) == ["2"])
        let statuses = try await fixture.withMigrator { try await $0.status(of: try fixture.migrations()) }
        #expect(statuses.map(\.state) == [.applied, .skipped, .applied])
        // Still missing: the next migrate checks it without the lock and leaves it alone, changing nothing.
        let again = try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        #expect(again.skipped.isEmpty)
        #expect(again.stillSkipped.map(\.rawValue) == ["2"])
        let skipEvents = try await fixture.strings("SELECT count(*)::text FROM strata.events WHERE action = 'skip'")
        #expect(skipEvents == ["1"])
        #expect(try await fixture.strings("SELECT column_name::text FROM information_schema.columns WHERE table_name = 'k' ORDER BY 1") == ["id"])
    }

    @Test func missingExtensionWithFailStopsWithClearError() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_vec.sql", "-- strata:require extension=strata_no_such_extension else=fail\n-- strata:up\nCREATE TABLE x (id int);")
        do {
            try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
            Issue.record("expected a failure")
        } catch let error as StrataError {
            #expect(error.code == .requirementFailed)
            #expect(error.message.contains("strata_no_such_extension"))
        }
        #expect(try await fixture.publicTables() == [])
    }

    @Test func rollbackRevertsInReverseOrderAndToZero() async throws {
        let fixture = try await MigrationFixture.make()
        for index in 1...3 {
            try fixture.write("\(index)_t.sql", "-- strata:up\nCREATE TABLE t\(index) (id int);\n-- strata:down\nDROP TABLE t\(index);")
        }
        try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        let one = try await fixture.withMigrator { try await $0.rollback(try fixture.migrations(), target: .steps(1)) }
        #expect(one.done.map(\.rawValue) == ["3"])
        #expect(try await fixture.publicTables() == ["t1", "t2"])
        let rest = try await fixture.withMigrator {
            try await $0.rollback(try fixture.migrations(), target: .toVersion(MigrationVersion("0")!))
        }
        #expect(rest.done.map(\.rawValue) == ["2", "1"])
        #expect(try await fixture.publicTables() == [])
        #expect(try await fixture.strings("SELECT count(*)::text FROM strata.schema_history") == ["0"])
        #expect(try await fixture.strings("SELECT count(*)::text FROM strata.events WHERE action = 'rollback'") == ["3"])
    }

    @Test func concurrentIndexNeedsNoTransactionFile() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_t.sql", "CREATE TABLE big (id int);")
        let path = try fixture.write("2_idx.sql", "-- strata:up\nCREATE INDEX CONCURRENTLY big_id ON big (id);\n")
        do {
            try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
            Issue.record("expected a refusal")
        } catch let error as StrataError {
            #expect(error.location?.path == path)
            #expect(error.location?.line == 2)
            #expect(error.hint?.contains("strata:no-transaction") == true)
        }
        // Refused before anything ran: not even file 1 was applied.
        #expect(try await fixture.publicTables() == [])
        try fixture.write("2_idx.sql", "-- strata:no-transaction\n-- strata:up\nCREATE INDEX CONCURRENTLY big_id ON big (id);\n-- strata:down\nDROP INDEX CONCURRENTLY big_id;\n")
        try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        #expect(try await fixture.strings("SELECT indexname::text FROM pg_indexes WHERE tablename = 'big'") == ["big_id"])
        try await fixture.withMigrator { try await $0.rollback(try fixture.migrations(), target: .steps(1)) }
        #expect(try await fixture.strings("SELECT indexname::text FROM pg_indexes WHERE tablename = 'big'") == [])
    }

    @Test func nonTransactionalFileResumesAfterTheFailedStatement() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_nt.sql", """
            -- strata:no-transaction
            -- strata:up
            CREATE TABLE counter (n int);
            INSERT INTO counter VALUES (1);
            INSERT INTO missing VALUES (2);
            """)
        await #expect(throws: StrataError.self) {
            try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        }
        let statuses = try await fixture.withMigrator { try await $0.status(of: try fixture.migrations()) }
        #expect(statuses.first?.state == .partial)
        #expect(statuses.first?.history?.statementsRun == 2)
        let problems = try await fixture.withMigrator { try await $0.validate(try fixture.migrations()) }
        #expect(problems.map(\.kind) == [.incomplete])
        try fixture.write("1_nt.sql", """
            -- strata:no-transaction
            -- strata:up
            CREATE TABLE counter (n int);
            INSERT INTO counter VALUES (1);
            INSERT INTO counter VALUES (2);
            """)
        try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        // The first two statements did not run again: one row with 1, one with 2.
        #expect(try await fixture.strings("SELECT n::text FROM counter ORDER BY n") == ["1", "2"])
    }

    @Test func changedAppliedFileIsRefusedAndValidated() async throws {
        let fixture = try await MigrationFixture.make()
        let path = try fixture.write("1_a.sql", "CREATE TABLE a (id int);\n")
        try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        try "CREATE TABLE a (id int);\r\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try await fixture.withMigrator { try await $0.validate(try fixture.migrations()) }.isEmpty)
        try "CREATE TABLE a (id bigint);\n".write(toFile: path, atomically: true, encoding: .utf8)
        try fixture.write("2_b.sql", "CREATE TABLE b (id int);")
        let problems = try await fixture.withMigrator { try await $0.validate(try fixture.migrations()) }
        #expect(problems.map(\.kind) == [.changed])
        do {
            try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
            Issue.record("expected a refusal")
        } catch let error as StrataError {
            #expect(error.exitStatus == .validation)
            #expect(error.detail?.contains(Checksum.of("CREATE TABLE a (id bigint);\n")) == true)
        }
        #expect(try await fixture.publicTables() == ["a"])
    }

    @Test func dryRunChangesNothing() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_a.sql", "CREATE TABLE a (id int);")
        let collected = StatementCollector()
        let session = try await fixture.session()
        let migrator = Migrator(session: session, options: MigratorOptions(dryRun: true)) { event in
            if case .planned(_, _, let statements) = event { collected.add(statements.map(\.text)) }
        }
        try await migrator.migrate(try fixture.migrations())
        await session.close()
        #expect(collected.all == ["CREATE TABLE a (id int)"])
        #expect(try await fixture.publicTables() == [])
        #expect(try await fixture.strings("SELECT coalesce(to_regclass('strata.schema_history')::text, 'none')") == ["none"])
    }

    @Test func nonTransactionalVerifyFailureRerunsOnlyTheVerify() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_t.sql", "CREATE TABLE t (a int, b int);")
        try fixture.write("2_idx.sql", """
            -- strata:no-transaction
            -- strata:up
            CREATE INDEX CONCURRENTLY t_a ON t (a);
            CREATE INDEX CONCURRENTLY t_b ON t (b);
            -- strata:verify
            SELECT false;
            """)
        do {
            try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
            Issue.record("expected the verify to fail")
        } catch let error as StrataError {
            #expect(error.code == .verifyFailed)
            #expect(error.hint?.contains("nothing was rolled back") == true)
        }
        try fixture.write("2_idx.sql", """
            -- strata:no-transaction
            -- strata:up
            CREATE INDEX CONCURRENTLY t_a ON t (a);
            CREATE INDEX CONCURRENTLY t_b ON t (b);
            -- strata:verify
            SELECT count(*) = 2 FROM pg_indexes WHERE tablename = 't';
            """)
        let rerun = try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        #expect(rerun.done.map(\.rawValue) == ["2"])
        #expect(try await fixture.strings("SELECT state FROM strata.schema_history WHERE version = '2'") == ["applied"])
    }

    @Test func rollbackRefusesToPassAPartialFile() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_t.sql", "-- strata:up\nCREATE TABLE t (v int);\n-- strata:down\nDROP TABLE t;")
        try fixture.write("2_nt.sql", "-- strata:no-transaction\n-- strata:up\nCREATE INDEX CONCURRENTLY t_v ON t (v);\nSELECT * FROM missing;\n-- strata:down\nDROP INDEX CONCURRENTLY t_v;")
        await #expect(throws: StrataError.self) {
            try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        }
        do {
            try await fixture.withMigrator { try await $0.rollback(try fixture.migrations(), target: .steps(1)) }
            Issue.record("expected a refusal")
        } catch let error as StrataError {
            #expect(error.message.contains("2 nt"))
        }
        #expect(try await fixture.publicTables() == ["t"])
    }

    @Test func sessionSettingsDoNotLeakIntoTheNextMigration() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_a.sql", "CREATE SCHEMA app;\nSET search_path = app;\nCREATE TABLE inside (id int);")
        try fixture.write("2_b.sql", "CREATE TABLE items (id int);")
        try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        #expect(try await fixture.strings("SELECT schemaname::text FROM pg_tables WHERE tablename = 'items'") == ["public"])
    }

    @Test func renamedVersionKeepsItsHistoryRowThroughRollback() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("2_t.sql", "-- strata:up\nCREATE TABLE t (id int);\n-- strata:down\nDROP TABLE t;")
        try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        try FileManager.default.moveItem(atPath: fixture.folder + "/2_t.sql", toPath: fixture.folder + "/02_t.sql")
        #expect(try await fixture.withMigrator { try await $0.status(of: try fixture.migrations()) }.map(\.state) == [.applied])
        try await fixture.withMigrator { try await $0.rollback(try fixture.migrations(), target: .steps(1)) }
        #expect(try await fixture.publicTables() == [])
        #expect(try await fixture.strings("SELECT count(*)::text FROM strata.schema_history") == ["0"])
    }

    @Test func timeoutDirectivesAreHonoured() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_t.sql", "CREATE TABLE busy (id int);")
        try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        let path = try fixture.write("2_alter.sql", "-- strata:lock-timeout 200ms\n-- strata:up\nALTER TABLE busy ADD COLUMN n int;\n")
        let blocker = try await fixture.session()
        try await blocker.run("BEGIN")
        try await blocker.run("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE")
        do {
            let noRetry = MigratorOptions(lockRetry: RetryBackoff(retries: 0, initialDelay: .zero, maximumDelay: .zero))
            try await fixture.withMigrator(noRetry) { try await $0.migrate(try fixture.migrations()) }
            Issue.record("expected a lock timeout")
        } catch let error as StrataError {
            #expect(error.sqlState == "55P03")
            #expect(error.location?.path == path)
            #expect(error.location?.line == 3)
        }
        await blocker.rollbackQuietly()
        await blocker.close()
        try fixture.write("2_alter.sql", "-- strata:statement-timeout 200ms\n-- strata:up\nSELECT pg_sleep(3);\n")
        do {
            try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
            Issue.record("expected a statement timeout")
        } catch let error as StrataError {
            #expect(error.sqlState == "57014")
        }
        // The run-wide default applies to files that set none.
        try fixture.write("2_alter.sql", "SELECT pg_sleep(3);\n")
        do {
            try await fixture.withMigrator(MigratorOptions(statementTimeout: TimeoutValue(milliseconds: 200))) {
                try await $0.migrate(try fixture.migrations())
            }
            Issue.record("expected a statement timeout")
        } catch let error as StrataError {
            #expect(error.sqlState == "57014")
        }
    }

    @Test func lockWaitTimesOutNamingTheHolder() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_a.sql", "CREATE TABLE a (id int);")
        let holder = try await fixture.session()
        let key = MigrationLock(schema: "strata").key
        try await holder.run("SELECT pg_advisory_lock(\(key))")
        do {
            try await fixture.withMigrator(MigratorOptions(lockWait: .milliseconds(300))) {
                try await $0.migrate(try fixture.migrations())
            }
            Issue.record("expected a lock timeout")
        } catch let error as StrataError {
            #expect(error.code == .lockTimeout)
            #expect(error.exitStatus == .lockTimeout)
            #expect(error.message.contains("pid "))
        }
        #expect(try await fixture.publicTables() == [])
        try await holder.run("SELECT pg_advisory_unlock(\(key))")
        await holder.close()
        try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        #expect(try await fixture.publicTables() == ["a"])
    }

    @Test func parallelMigratorsApplyEachMigrationOnce() async throws {
        let fixture = try await MigrationFixture.make()
        for index in 1...20 {
            try fixture.write("\(index)_t.sql", "CREATE TABLE t\(index) (id int); INSERT INTO t\(index) VALUES (\(index));")
        }
        let migrations = try fixture.migrations()
        try await withThrowingTaskGroup(of: MigrationRunSummary.self) { group in
            for _ in 0..<4 {
                group.addTask { try await fixture.withMigrator { try await $0.migrate(migrations) } }
            }
            var applied = 0
            for try await summary in group { applied += summary.done.count }
            #expect(applied == 20)
        }
        #expect(try await fixture.strings("SELECT count(*)::text FROM strata.schema_history") == ["20"])
    }
}

/// Collects statements reported from a `@Sendable` callback.
final class StatementCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var statements: [String] = []
    func add(_ more: [String]) { lock.withLock { statements += more } }
    var all: [String] { lock.withLock { statements } }
}
