import Foundation
import StrataSQL
import Testing
@testable import StrataCore

/// How a squash file is seen by a database that applied the old files and by a new one.
@Suite struct SquashPlanningTests {
    let planning = MigrationPlannerTests()

    /// Old files 1…3 and 4; a squash with version 3 that replaces 1…3.
    func folders() throws -> (old: [Migration], squash: Migration, four: Migration) {
        let old = (1...3).map { planning.migration(String($0)) }
        let four = planning.migration("4")
        let lines = old.map { "-- strata:squash \($0.version) \($0.checksum)" }.joined(separator: "\n")
        let text = lines + "\n-- strata:up\nCREATE TABLE t1 (id int);\nCREATE TABLE t2 (id int);\nCREATE TABLE t3 (id int);\n"
        let squash = try NativeMigrationParser.parse(
            path: "db/migrations/3_squash.sql", version: MigrationVersion("3")!, name: "squash", bytes: Array(text.utf8))
        return (old, squash, four)
    }

    @Test func aDatabaseThatAppliedTheOldFilesSeesTheSquashAsApplied() throws {
        let (old, squash, four) = try folders()
        let history = old.map { planning.entry($0) }
        let planner = MigrationPlanner(migrations: [squash, four], history: history)
        #expect(planner.statuses().map(\.state) == [.applied, .pending])
        #expect(planner.statuses().map(\.version.rawValue) == ["3", "4"])
        #expect(planner.migrationsToApply().map(\.version.rawValue) == ["4"])
        #expect(ValidationProblem.find(in: planner.statuses()).isEmpty)
        #expect(planner.partlyAppliedSquash() == nil)
    }

    @Test func aNewDatabaseAppliesTheSquashThenTheRest() throws {
        let (_, squash, four) = try folders()
        let fresh = MigrationPlanner(migrations: [squash, four], history: [])
        #expect(fresh.migrationsToApply().map(\.version.rawValue) == ["3", "4"])
        let applied = MigrationPlanner(migrations: [squash, four], history: [planning.entry(squash), planning.entry(four)])
        #expect(applied.statuses().map(\.state) == [.applied, .applied])
        #expect(ValidationProblem.find(in: applied.statuses()).isEmpty)
    }

    @Test func anEditedOldFileOrAPartlyAppliedSetIsCaught() throws {
        let (old, squash, four) = try folders()
        // The database applied an old file 2 that differs from the one squashed: it shows as missing.
        let edited = MigrationPlanner(
            migrations: [squash, four], history: [planning.entry(old[0]), planning.entry(old[1], checksum: "other"), planning.entry(old[2])])
        #expect(edited.statuses().map(\.state) == [.missing, .applied, .pending])
        // Only 1 and 2 applied: the squash is pending and would create them again.
        let partly = MigrationPlanner(migrations: [squash, four], history: [planning.entry(old[0]), planning.entry(old[1])])
        let conflict = try #require(partly.partlyAppliedSquash())
        #expect(conflict.squash.version.rawValue == "3")
        #expect(conflict.applied.map(\.rawValue) == ["1", "2"])
    }

    @Test func malformedSquashLinesAreRefusedWithTheirLine() {
        for (text, message) in [
            ("-- strata:squash 1 abc\n-- strata:up\nSELECT 1;\n", "needs a version and the old file's SHA-256"),
            ("-- strata:squash 9 \(String(repeating: "a", count: 64))\n-- strata:up\nSELECT 1;\n", "has the version of the newest migration it replaces (9)"),
            ("-- strata:squash 3 \(String(repeating: "a", count: 64))\n-- strata:up\nSELECT 1;\n-- strata:down\nSELECT 2;\n", "has no down section"),
        ] {
            do {
                _ = try NativeMigrationParser.parse(
                    path: "db/migrations/3_squash.sql", version: MigrationVersion("3")!, name: "squash", bytes: Array(text.utf8))
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.message.contains(message), "\(error)")
            }
        }
    }
}
