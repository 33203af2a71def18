import Foundation
import StrataSQL
import Testing
@testable import StrataCore

@Suite struct MigrationPlannerTests {
    func migration(_ version: String, down: Bool = true, text: String? = nil) -> Migration {
        let sql = text ?? "CREATE TABLE t\(version) (id int);"
        return Migration(
            version: MigrationVersion(version)!, name: "m\(version)", path: "db/migrations/\(version)_m.sql",
            up: MigrationSection(sql: sql, origin: SourcePosition(offset: 0, line: 1, column: 1)),
            down: down ? MigrationSection(sql: "DROP TABLE t\(version);", origin: SourcePosition(offset: 0, line: 2, column: 1)) : nil,
            checksum: Checksum.of(sql))
    }

    func entry(
        _ migration: Migration, state: HistoryEntry.State = .applied, checksum: String? = nil, statementsRun: Int = 1
    ) -> HistoryEntry {
        HistoryEntry(
            version: migration.version, name: migration.name, checksum: checksum ?? migration.checksum, state: state,
            appliedAt: Date(), appliedBy: "test", durationMilliseconds: 1, statementsRun: statementsRun)
    }

    @Test func statusesCoverEveryState() {
        let files = (1...7).map { migration(String($0)) }
        let gone = migration("8")
        let planner = MigrationPlanner(
            migrations: files,
            history: [
                entry(files[0]), entry(files[1], checksum: "edited"), entry(files[2], state: .partial),
                entry(files[3], state: .skipped), entry(files[4], state: .failed, statementsRun: 0),
                entry(files[5], state: .failed, statementsRun: 2), entry(gone),
            ])
        let states = planner.statuses().map(\.state)
        // A failed no-transaction file with committed statements is partly applied.
        #expect(states == [.applied, .changed, .partial, .skipped, .failed, .partial, .pending, .missing])
    }

    @Test func migrateRunsPendingSkippedAndPartialUpToTarget() {
        let files = (1...5).map { migration(String($0)) }
        let planner = MigrationPlanner(
            migrations: files, history: [entry(files[0]), entry(files[1], state: .skipped), entry(files[2], state: .partial)])
        #expect(planner.migrationsToApply().map(\.version.rawValue) == ["2", "3", "4", "5"])
        #expect(planner.migrationsToApply(upTo: MigrationVersion("4")).map(\.version.rawValue) == ["2", "3", "4"])
    }

    @Test func rollbackStepsAndToVersion() throws {
        let files = (1...4).map { migration(String($0)) }
        let planner = MigrationPlanner(migrations: files, history: files.map { entry($0) })
        #expect(try planner.migrationsToRevert(.steps(1)).map(\.version.rawValue) == ["4"])
        #expect(try planner.migrationsToRevert(.steps(10)).map(\.version.rawValue) == ["4", "3", "2", "1"])
        #expect(try planner.migrationsToRevert(.toVersion(MigrationVersion("2")!)).map(\.version.rawValue) == ["4", "3"])
        #expect(try planner.migrationsToRevert(.toVersion(MigrationVersion("0")!)).count == 4)
    }

    /// Diesel's `00000000000000_diesel_initial_setup` has version 0: `rollback --to 0` reverts it too.
    @Test func rollbackToZeroRevertsAVersionZeroMigration() throws {
        let files = [migration("00000000000000"), migration("20240115093000")]
        let planner = MigrationPlanner(migrations: files, history: files.map { entry($0) })
        #expect(try planner.migrationsToRevert(.toVersion(.zero)).map(\.version.rawValue) == [
            "20240115093000", "00000000000000",
        ])
        #expect(try planner.migrationsToRevert(.steps(5)).count == 2)
    }

    @Test func rollbackRefusesAMigrationWithoutDownBeforeRunningAnything() {
        let files = [migration("1"), migration("2", down: false), migration("3")]
        let planner = MigrationPlanner(migrations: files, history: files.map { entry($0) })
        #expect(throws: StrataError.self) { try planner.migrationsToRevert(.steps(2)) }
        #expect((try? planner.migrationsToRevert(.steps(1)))?.count == 1)
    }

    @Test func validationFindsChangedMissingAndOutOfOrder() {
        let files = [migration("1"), migration("2"), migration("3")]
        let gone = migration("9")
        let planner = MigrationPlanner(
            migrations: files, history: [entry(files[0], checksum: "x"), entry(files[2]), entry(gone)])
        let problems = ValidationProblem.find(in: planner.statuses())
        #expect(problems.map(\.kind) == [.changed, .outOfOrder, .missing])
        #expect(problems[0].description.contains("recorded x"))
    }
}
