import Foundation
import Testing
@testable import StrataCore

/// Which tool a folder belongs to, and the clear errors for folders that fit no format or mix formats.
@Suite struct FormatDetectionTests {
    @Test func eachFixtureIsDetected() throws {
        let expected: [String: MigrationFormat] = [
            "flyway": .flyway, "golang-migrate": .golangMigrate, "dbmate": .dbmate, "goose": .goose,
            "sql-migrate": .sqlMigrate, "diesel": .diesel,
        ]
        for (tool, format) in expected {
            #expect(try MigrationFolder(path: try FormatFixture.path(tool)).resolvedFormat() == format, "\(tool)")
        }
    }

    @Test func nativeAndEmptyFoldersAreNative() throws {
        let native = try FormatFixture.scratch(["1_a.sql": "-- strata:up\nSELECT 1;\n", "2_b.sql": "SELECT 2;"])
        defer { FormatFixture.remove(native) }
        #expect(try MigrationFolder(path: native).resolvedFormat() == .native)
        let empty = try FormatFixture.scratch([:])
        defer { FormatFixture.remove(empty) }
        #expect(try MigrationFolder(path: empty).loadCatalog().format == .native)
    }

    @Test func mixedFormatsNameTheOffendingFile() throws {
        let folder = try FormatFixture.scratch([
            "00001_a.sql": "-- +goose Up\nSELECT 1;\n", "00002_b.sql": "-- migrate:up\nSELECT 2;\n",
        ])
        defer { FormatFixture.remove(folder) }
        let error = try #require(FormatFixture.loadError(folder))
        #expect(error.code == .invalidMigration)
        #expect(error.message.contains("mixes migration formats"))
        #expect(error.location?.path.hasSuffix("00002_b.sql") == true)
        #expect(error.message.contains("00001_a.sql") && error.message.contains("dbmate"))
    }

    @Test func aPlainFileAmongGooseFilesIsNamed() throws {
        let folder = try FormatFixture.scratch(["1_a.sql": "-- +goose Up\nSELECT 1;\n", "2_b.sql": "SELECT 2;\n"])
        defer { FormatFixture.remove(folder) }
        let error = try #require(FormatFixture.loadError(folder))
        #expect(error.location?.path.hasSuffix("2_b.sql") == true)
    }

    @Test func aFileThatFitsTheChosenFormatNotIsNamed() throws {
        let folder = try FormatFixture.scratch(["V1__a.sql": "SELECT 1;", "notes.sql": "SELECT 2;"])
        defer { FormatFixture.remove(folder) }
        #expect(FormatFixture.loadError(folder)?.location?.path.hasSuffix("notes.sql") == true)
        let error = try #require(FormatFixture.loadError(folder, format: .flyway))
        #expect(error.message.contains("'notes.sql' is not a Flyway migration name"))
        #expect(error.location?.path.hasSuffix("notes.sql") == true)
        let golang = try FormatFixture.scratch(["1_a.up.sql": "SELECT 1;", "b.up.sql": "SELECT 2;"])
        defer { FormatFixture.remove(golang) }
        #expect(FormatFixture.loadError(golang)?.location?.path.hasSuffix("b.up.sql") == true)
    }

    @Test func formatOverrideReadsTheFolderAsThatTool() throws {
        let folder = try FormatFixture.scratch(["1_a.sql": "-- +goose Up\nSELECT 1;\n"])
        defer { FormatFixture.remove(folder) }
        let error = try #require(FormatFixture.loadError(folder, format: .dbmate))
        #expect(error.message.contains("-- migrate:up"))
        #expect(MigrationFormat(named: "golang-migrate") == .golangMigrate)
        #expect(MigrationFormat(named: "sql-migrate") == .sqlMigrate)
        #expect(MigrationFormat(named: "liquibase") == nil)
    }

    @Test func annotationErrorsNameTheLine() throws {
        let folder = try FormatFixture.scratch([
            "1_a.sql": "-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n-- +goose Down\nSELECT 2;\n",
        ])
        defer { FormatFixture.remove(folder) }
        let error = try #require(FormatFixture.loadError(folder))
        #expect(error.message.contains("StatementBegin on line 2 has no StatementEnd"))
        let before = try FormatFixture.scratch(["1_a.sql": "SELECT 0;\n-- migrate:up\nSELECT 1;\n"])
        defer { FormatFixture.remove(before) }
        let beforeError = try #require(FormatFixture.loadError(before, format: .dbmate))
        #expect(beforeError.location?.line == 1)
        let envsub = try FormatFixture.scratch(["1_a.sql": "-- +goose Up\n-- +goose ENVSUB ON\nSELECT 1;\n"])
        defer { FormatFixture.remove(envsub) }
        #expect(FormatFixture.loadError(envsub)?.location?.line == 2)
    }

    @Test func gooseGoMigrationIsRefusedByName() throws {
        let folder = try FormatFixture.scratch(["00001_a.sql": "-- +goose Up\nSELECT 1;\n", "00002_b.go": "package x"])
        defer { FormatFixture.remove(folder) }
        #expect(FormatFixture.loadError(folder)?.location?.path.hasSuffix("00002_b.go") == true)
    }

    @Test func nativeFoldersAcceptDottedVersionsRepeatablesAndHooks() throws {
        let folder = try FormatFixture.scratch([
            "1_a.sql": "SELECT 1;", "1.1_b.sql": "SELECT 2;", "R__views.sql": "SELECT 3;", "beforeMigrate.sql": "SELECT 4;",
        ])
        defer { FormatFixture.remove(folder) }
        let catalog = try MigrationFolder(path: folder).loadCatalog()
        #expect(catalog.format == .native)
        #expect(catalog.migrations.map(\.version.rawValue) == ["1", "1.1"])
        #expect(catalog.repeatables.map(\.name) == ["views"])
        #expect(catalog.beforeMigrate.count == 1)
    }
}
