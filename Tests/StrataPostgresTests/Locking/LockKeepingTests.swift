import Foundation
import StrataCore
import StrataPostgres
import Testing

/// The migration lock stays this run's while it works: a migration that drops it is rolled back and the run stops.
@Suite struct LockKeepingTests {
    @Test func aMigrationThatReleasesTheAdvisoryLockIsRolledBackAndStopsTheRun() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_ok.sql", "CREATE TABLE a (id int);")
        try fixture.write("2_unlock.sql", "CREATE TABLE b (id int);\nSELECT pg_advisory_unlock_all();")
        try fixture.write("3_later.sql", "CREATE TABLE c (id int);")
        await #expect {
            try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) }
        } throws: { error in
            let failure = error as? StrataError
            return failure?.code == .lockTimeout && failure?.message.contains("no longer held") == true
                && failure?.location?.path.hasSuffix("2_unlock.sql") == true
        }
        #expect(try await fixture.strings("SELECT version FROM strata.schema_history ORDER BY version") == ["1"])
        #expect(try await fixture.strings("SELECT coalesce(to_regclass('public.b')::text, 'none')") == ["none"])
        #expect(try await fixture.strings("SELECT coalesce(to_regclass('public.c')::text, 'none')") == ["none"])
    }

    @Test func aPartialNoTransactionFileShowsAsRunningWhileARunHoldsTheLock() async throws {
        let fixture = try await MigrationFixture.make()
        try fixture.write("1_slow.sql", "-- strata:no-transaction\nCREATE TABLE a (id int);\nSELECT pg_sleep(30);")
        let holder = try await fixture.session()
        let run = Task { try await fixture.withMigrator { try await $0.migrate(try fixture.migrations()) } }
        defer { run.cancel() }
        var seen: [MigrationStatus.State] = []
        for _ in 0..<100 {
            seen = try await fixture.withMigrator { try await $0.status(of: try fixture.migrations()) }.map(\.state)
            if seen == [.running] { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(seen == [.running])
        _ = try await holder.run(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%' AND pid <> pg_backend_pid()")
        _ = await run.result
        await holder.close()
        let after = try await fixture.withMigrator { try await $0.status(of: try fixture.migrations()) }.map(\.state)
        #expect(after == [.partial])
    }
}
