import Foundation
import Testing
@testable import StrataCore
import StrataTesting

@Suite struct MigrationFolderTests {
    func folder(_ files: [String: String]) throws -> String {
        let path = try ScratchSpace.folder(prefix: "folder")
        for (name, text) in files {
            try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
        }
        return path
    }

    func loadError(_ path: String) -> StrataError? {
        do {
            _ = try MigrationFolder(path: path).load()
            return nil
        } catch {
            return error
        }
    }

    @Test func ordersByNumericVersion() throws {
        let path = try folder([
            "10_ten.sql": "SELECT 10;", "2_two.sql": "SELECT 2;", "1_one.sql": "SELECT 1;", "README.md": "notes",
        ])
        let migrations = try MigrationFolder(path: path).load()
        #expect(migrations.map(\.version.rawValue) == ["1", "2", "10"])
        #expect(migrations.map(\.name) == ["one", "two", "ten"])
    }

    @Test func duplicateVersionsNameBothFiles() throws {
        let path = try folder(["1_a.sql": "SELECT 1;", "001_b.sql": "SELECT 2;"])
        let error = try #require(loadError(path))
        #expect(error.code == .invalidMigration)
        #expect(error.message.contains("1_a.sql") && error.message.contains("001_b.sql"))
    }

    @Test func sqlFileWithoutVersionIsNamed() throws {
        let path = try folder(["1_a.sql": "SELECT 1;", "notes.sql": "SELECT 2;"])
        let error = try #require(loadError(path))
        #expect(error.message.contains("notes.sql"))
        #expect(error.exitStatus == .usage)
    }

    @Test func missingFolderIsAClearError() {
        let error = loadError("/nonexistent/strata/migrations")
        #expect(error?.message.contains("does not exist") == true)
    }

    @Test func fileNameIdentity() {
        #expect(MigrationFolder.identity(ofFileName: "20251102120000_add_v2_columns.sql")?.name == "add_v2_columns")
        #expect(MigrationFolder.identity(ofFileName: "42.sql")?.version == MigrationVersion("42"))
        #expect(MigrationFolder.identity(ofFileName: "V1__x.sql") == nil)
    }
}
