import Foundation
import PostgresNIO
import StrataCore
import StrataPostgres
import StrataTesting
import Testing

/// Every other tool's folder, as it is, against a real PostgreSQL: all up, status, all down, all up again.
@Suite struct ForeignFormatTests {
    @Test(arguments: FormatFixtures.tools)
    func allUpStatusAllDownAllUpAgain(tool: String) async throws {
        let fixture = try await MigrationFixture.make()
        defer { try? FileManager.default.removeItem(atPath: fixture.folder) }
        let catalog = try MigrationFolder(path: FormatFixtures.path(tool), placeholders: FormatFixtures.placeholders)
            .loadCatalog()
        let versions = catalog.migrations.map(\.version)
        // Diesel's initial setup has version 0: `rollback --to 0` reverts it too.
        let revertible = versions

        let up = try await fixture.withMigrator { try await $0.migrate(catalog) }
        #expect(up.done == versions, "\(tool)")
        #expect(try await fixture.publicTables().contains("users"), "\(tool)")
        let applied = try await fixture.withMigrator { try await $0.status(of: catalog.migrations) }
        #expect(applied.map(\.state) == Array(repeating: .applied, count: versions.count), "\(tool)")
        #expect(try await fixture.strings("SELECT indexname::text FROM pg_indexes WHERE indexname IN ('users_name', 'users_email')").count == 1)

        let down = try await fixture.withMigrator { try await $0.rollback(catalog.migrations, target: .toVersion(.zero)) }
        #expect(down.done == revertible.reversed(), "\(tool)")
        #expect(try await fixture.publicTables().filter { $0 != "migrate_log" } == [], "\(tool)")
        let pending = try await fixture.withMigrator { try await $0.status(of: catalog.migrations) }
        #expect(pending.allSatisfy { $0.state == .pending }, "\(tool)")

        let again = try await fixture.withMigrator { try await $0.migrate(catalog) }
        #expect(again.done == revertible, "\(tool)")
        #expect(try await fixture.publicTables().contains("users"), "\(tool)")
        let noop = try await fixture.withMigrator { try await $0.migrate(catalog) }
        #expect(noop.done.isEmpty && noop.repeatables.isEmpty, "\(tool)")
    }

    /// A golang-migrate down file that fails on the server is named with its own path and line, not the up file's.
    @Test func aFailingDownFileIsNamedWithItsOwnPathAndLine() async throws {
        let fixture = try await MigrationFixture.make()
        let folder = try ScratchSpace.folder(prefix: "golang-migrate")
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.removeItem(atPath: fixture.folder)
        }
        try "CREATE TABLE users (id bigint PRIMARY KEY);\n".write(
            toFile: folder + "/0001_users.up.sql", atomically: true, encoding: .utf8)
        try "-- revert\n\nDROP TABLE no_such_table;\nDROP TABLE users;\n".write(
            toFile: folder + "/0001_users.down.sql", atomically: true, encoding: .utf8)
        let catalog = try MigrationFolder(path: folder).loadCatalog()
        _ = try await fixture.withMigrator { try await $0.migrate(catalog) }
        do {
            _ = try await fixture.withMigrator { try await $0.rollback(catalog.migrations, target: .steps(1)) }
            Issue.record("the rollback should fail")
        } catch let error as StrataError {
            #expect(error.location?.path.hasSuffix("0001_users.down.sql") == true, "\(error)")
            #expect(error.location?.line == 3, "\(error)")
        }
    }

    @Test func flywayRepeatableRunsAfterVersionedAndAgainWhenChangedWithHooksAroundApplyingRuns() async throws {
        let fixture = try await MigrationFixture.make()
        let folder = try FormatFixtures.copy("flyway")
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.removeItem(atPath: fixture.folder)
        }
        func catalog(_ version: String) throws -> MigrationCatalog {
            try MigrationFolder(path: folder, placeholders: ["app_name": "shop", "app_version": version]).loadCatalog()
        }
        let first = try await fixture.withMigrator { try await $0.migrate(try catalog("1.0")) }
        #expect(first.repeatables == ["app_version"])
        #expect(try await fixture.strings("SELECT app_version()") == ["1.0"])
        #expect(try await fixture.strings("SELECT count(*)::text FROM migrate_log") == ["1"])
        #expect(try await fixture.strings(
            "SELECT version || ':' || kind FROM strata.schema_history WHERE kind = 'repeatable'") == ["R__app_version:repeatable"])
        // Unchanged file: nothing runs, not even the hooks. (A new placeholder value does not change the checksum.)
        let noop = try await fixture.withMigrator { try await $0.migrate(try catalog("1.0")) }
        #expect(noop.repeatables.isEmpty)
        #expect(try await fixture.strings("SELECT count(*)::text FROM migrate_log") == ["1"])
        // Changed file: applied again, and the hooks run.
        let path = folder + "/R__app_version.sql"
        try (try String(contentsOfFile: path, encoding: .utf8) + "\n-- touched\n").write(toFile: path, atomically: true, encoding: .utf8)
        let changed = try await fixture.withMigrator { try await $0.migrate(try catalog("2.0")) }
        #expect(changed.done.isEmpty && changed.repeatables == ["app_version"])
        #expect(try await fixture.strings("SELECT app_version()") == ["2.0"])
        #expect(try await fixture.strings("SELECT count(*)::text FROM migrate_log") == ["2"])
        // Status of versioned migrations is unaffected by the repeatable's row.
        let statuses = try await fixture.withMigrator { try await $0.status(of: try catalog("2.0").migrations) }
        #expect(statuses.count == 5 && statuses.allSatisfy { $0.state == .applied })
    }

    @Test func failingBeforeMigrateHookStopsBeforeAnyMigration() async throws {
        let fixture = try await MigrationFixture.make()
        defer { try? FileManager.default.removeItem(atPath: fixture.folder) }
        try fixture.write("1_a.sql", "CREATE TABLE a (id int);")
        let hook = try fixture.write("beforeMigrate.sql", "SELECT 1;\nSELECT * FROM no_such_table;\n")
        do {
            try await fixture.withMigrator { try await $0.migrate(try MigrationFolder(path: fixture.folder).loadCatalog()) }
            Issue.record("expected the hook to fail")
        } catch let error as StrataError {
            #expect(error.location?.path == hook)
            #expect(error.location?.line == 2)
            #expect(error.sqlState == "42P01")
        }
        #expect(try await fixture.publicTables() == [])
    }
}
