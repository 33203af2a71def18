import Foundation
import Testing
@testable import StrataCore

/// How another tool's history reads against the folder, before anything is written.
@Suite struct AdoptionPlannerTests {
    func catalog(_ tool: String) throws -> MigrationCatalog {
        try FormatFixture.catalog(tool, placeholders: ["app_name": "a", "app_version": "1"])
    }

    @Test func golangMigrateRecordsEveryVersionUpToTheCurrentOne() throws {
        let plan = try AdoptionPlanner.plan(.golangMigrate(version: 2, dirty: false), catalog: catalog("golang-migrate"), table: "schema_migrations")
        #expect(plan.migrations.map(\.0.version.rawValue) == ["0001", "0002"])
        #expect(try AdoptionPlanner.plan(.golangMigrate(version: nil, dirty: false), catalog: catalog("golang-migrate"), table: "t").migrations.isEmpty)
        #expect(throws: StrataError.self) {
            try AdoptionPlanner.plan(.golangMigrate(version: 2, dirty: true), catalog: catalog("golang-migrate"), table: "t")
        }
    }

    @Test func gooseLastRowOfAVersionDecides() throws {
        let rows = [
            GooseHistoryRow(id: 1, versionID: 0, isApplied: true), GooseHistoryRow(id: 2, versionID: 1, isApplied: true),
            GooseHistoryRow(id: 3, versionID: 2, isApplied: true), GooseHistoryRow(id: 4, versionID: 2, isApplied: false),
        ]
        let plan = try AdoptionPlanner.plan(.goose(rows), catalog: catalog("goose"), table: "goose_db_version")
        #expect(plan.migrations.map(\.0.version.rawValue) == ["00001"])
    }

    @Test func flywayBaselineUndoAndFailedRows() throws {
        func row(_ rank: Int, _ version: String?, _ type: String, _ script: String, success: Bool = true) -> FlywayHistoryRow {
            FlywayHistoryRow(installedRank: rank, version: version, type: type, script: script, checksum: nil, success: success)
        }
        let rows = [
            row(1, "1.1", "BASELINE", "<< Flyway Baseline >>"), row(2, "1.2", "SQL", "V1.2__add_status.sql"),
            row(3, "2", "SQL", "V2__posts.sql"), row(4, "2", "UNDO_SQL", "U2__posts.sql"),
        ]
        let plan = try AdoptionPlanner.plan(.flyway(rows), catalog: catalog("flyway"), table: "flyway_schema_history")
        #expect(plan.migrations.map { "\($0.0.version):\($0.1.rawValue)" } == ["1:baseline", "1.1:baseline", "1.2:applied"])
        let failed = rows + [row(5, "2", "SQL", "V2__posts.sql", success: false)]
        do {
            _ = try AdoptionPlanner.plan(.flyway(failed), catalog: catalog("flyway"), table: "flyway_schema_history")
            Issue.record("expected a refusal")
        } catch let error as StrataError {
            #expect(error.message.contains("V2__posts.sql failed"))
            #expect(error.exitStatus == .validation)
        }
    }

    @Test func flywayRepeatableWithTheSameChecksumIsUpToDate() throws {
        let source = try catalog("flyway")
        let repeatable = try #require(source.repeatables.first)
        let checksum = FlywayChecksum.of(try String(contentsOfFile: repeatable.path, encoding: .utf8))
        let rows = [FlywayHistoryRow(installedRank: 1, version: nil, type: "SQL", script: "R__app_version.sql", checksum: checksum, success: true)]
        let plan = try AdoptionPlanner.plan(.flyway(rows), catalog: source, table: "flyway_schema_history")
        #expect(plan.repeatables.map(\.name) == ["app_version"])
        #expect(plan.warnings.isEmpty)
    }

    @Test func flywayChecksumIsCRC32OfTheLinesWithoutEndings() {
        #expect(FlywayChecksum.of("a") == Int32(bitPattern: 0xE8B7_BE43))
        #expect(FlywayChecksum.of("a\r\nb\n") == FlywayChecksum.of("a\nb"))
        #expect(FlywayChecksum.of("\u{FEFF}a") == FlywayChecksum.of("a"))
    }

    @Test func versionsWithoutFilesAreRefusedByName() throws {
        do {
            _ = try AdoptionPlanner.plan(.versions(["20240101000001", "7"]), catalog: catalog("dbmate"), table: "schema_migrations")
            Issue.record("expected a refusal")
        } catch let error as StrataError {
            #expect(error.message.contains("no file in the folder: 7"))
        }
        let plan = try AdoptionPlanner.plan(.sqlMigrate(["1_create_users.sql", "2_touch_trigger.sql"]), catalog: catalog("sql-migrate"), table: "gorp_migrations")
        #expect(plan.migrations.map(\.0.version.rawValue) == ["1", "2"])
    }
}
