import Foundation
import Testing
@testable import StrataCore

/// Each tool's fixture folder read into Strata's model: what the user checks in `strata status` and what runs.
@Suite struct FormatReaderTests {
    @Test func flywayDottedVersionsOrderPartByPartWithUndoRepeatableAndHooks() throws {
        let catalog = try FormatFixture.catalog("flyway", placeholders: ["app_name": "shop", "APP_VERSION": "1.4"])
        #expect(catalog.format == .flyway)
        #expect(catalog.migrations.map(\.version.rawValue) == ["1", "1.1", "1.2", "1.10", "2"])
        #expect(catalog.migrations.map(\.name) == ["create_users", "add_email", "add_status", "index_email", "posts"])
        #expect(catalog.migrations.allSatisfy { $0.down != nil })
        let users = try #require(catalog.migrations.first)
        #expect(try FormatFixture.statements(users.up).last == "COMMENT ON TABLE users IS 'owned by shop'")
        #expect(try FormatFixture.statements(users.down) == ["DROP TABLE users"])
        #expect(catalog.migrations.map(\.transactionMode) == [
            .transactional, .transactional, .transactional, .nonTransactional, .transactional,
        ])
        #expect(catalog.migrations[3].path.hasSuffix("sub/V1.10__index_email.sql"))
        let repeatable = try #require(catalog.repeatables.first)
        #expect(catalog.repeatables.count == 1)
        #expect(repeatable.historyKey == "R__app_version")
        #expect(try FormatFixture.statements(repeatable.up).first?.contains("SELECT '1.4'") == true)
        #expect(catalog.beforeMigrate.map { ($0.path as NSString).lastPathComponent } == ["beforeMigrate.sql"])
        #expect(catalog.afterMigrate.map { ($0.path as NSString).lastPathComponent } == ["afterMigrate.sql"])
    }

    @Test func flywayChecksumIsOfTheStoredTextNotTheSubstitutedOne() throws {
        let first = try FormatFixture.catalog("flyway", placeholders: ["app_name": "a", "app_version": "1"])
        let second = try FormatFixture.catalog("flyway", placeholders: ["app_name": "b", "app_version": "2"])
        #expect(first.migrations.map(\.checksum) == second.migrations.map(\.checksum))
        #expect(first.repeatables.map(\.checksum) == second.repeatables.map(\.checksum))
    }

    @Test func golangMigratePairsWithVariantsTransactionWrapperAndEmptyNoOp() throws {
        let catalog = try FormatFixture.catalog("golang-migrate")
        #expect(catalog.format == .golangMigrate)
        #expect(catalog.migrations.map(\.version.rawValue) == ["0001", "0002", "0003", "0004"])
        #expect(catalog.migrations.map(\.name) == ["create_users", "index_name", "nothing", "AddEmail"])
        let users = catalog.migrations[0]
        // BEGIN/COMMIT are dropped: Strata runs the file in one transaction itself.
        #expect(try FormatFixture.statements(users.up) == [
            "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL)", "CREATE TABLE teams (id bigint PRIMARY KEY)",
        ])
        #expect(try users.up.statements(path: users.path).first?.start.line == 2)
        #expect(try FormatFixture.statements(users.down) == ["DROP TABLE teams", "DROP TABLE users"])
        #expect(catalog.migrations[1].transactionMode == .nonTransactional)
        #expect(catalog.migrations[2].up.isEmpty)
        #expect(catalog.migrations[2].down?.isEmpty == true)
        // The checksum covers up and down.
        let upOnly = Checksum.of(try String(contentsOfFile: users.path, encoding: .utf8))
        #expect(users.checksum != upOnly)
    }

    @Test func golangMigrateFileNameVariants() {
        #expect(GolangMigrateReader.identity("1_init.up.sql")?.version == MigrationVersion("1"))
        #expect(GolangMigrateReader.identity("V0001.Name.up.sql")?.name == "Name")
        #expect(GolangMigrateReader.identity("20240101120000-add-users.down.sql")?.name == "add-users")
        #expect(GolangMigrateReader.identity("init.up.sql") == nil)
        #expect(GolangMigrateReader.identity("1_init.sql") == nil)
    }

    @Test func dbmateSectionsTransactionFalseAndEmptySections() throws {
        let catalog = try FormatFixture.catalog("dbmate")
        #expect(catalog.format == .dbmate)
        #expect(catalog.migrations.map(\.version.rawValue) == ["20240101000001", "20240101000002", "20240101000003", "20240101000004"])
        #expect(catalog.migrations.map(\.transactionMode) == [.transactional, .nonTransactional, .transactional, .transactional])
        let first = catalog.migrations[0]
        #expect(try FormatFixture.statements(first.up) == ["CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL)"])
        #expect(try first.up.statements(path: first.path).first?.start.line == 2)
        #expect(try FormatFixture.statements(first.down) == ["DROP TABLE users"])
        #expect(catalog.migrations[2].up.isEmpty && catalog.migrations[2].down?.isEmpty == true)
    }

    @Test func gooseStatementBlocksNoTransactionAndEmptySections() throws {
        let catalog = try FormatFixture.catalog("goose")
        #expect(catalog.format == .goose)
        #expect(catalog.migrations.map(\.version.rawValue) == ["00001", "00002", "00003", "00004"])
        let trigger = catalog.migrations[1]
        let statements = try trigger.up.statements(path: trigger.path)
        // The block has no `;` after its `$$`: its end still ends the statement.
        #expect(statements.count == 2)
        #expect(statements[0].text.hasPrefix("CREATE FUNCTION touch()") && statements[0].text.hasSuffix("$$"))
        #expect(statements[0].start.line == 3)
        #expect(statements[1].keywords.prefix(2) == ["create", "trigger"])
        #expect(try FormatFixture.statements(trigger.down) == ["DROP TRIGGER users_touch ON users", "DROP FUNCTION touch()"])
        #expect(catalog.migrations.map(\.transactionMode) == [.transactional, .transactional, .nonTransactional, .transactional])
        #expect(catalog.migrations[3].up.isEmpty && catalog.migrations[3].down?.isEmpty == true)
    }

    @Test func sqlMigrateStatementBlocksNotransactionAndEmptySections() throws {
        let catalog = try FormatFixture.catalog("sql-migrate")
        #expect(catalog.format == .sqlMigrate)
        #expect(catalog.migrations.map(\.version.rawValue) == ["1", "2", "3", "4"])
        let trigger = catalog.migrations[1]
        #expect(try trigger.up.statements(path: trigger.path).count == 2)
        #expect(catalog.migrations.map(\.transactionMode) == [.transactional, .transactional, .nonTransactional, .transactional])
        #expect(catalog.migrations[3].up.isEmpty)
    }

    @Test func dieselFoldersMetadataAndInitialSetup() throws {
        let catalog = try FormatFixture.catalog("diesel")
        #expect(catalog.format == .diesel)
        #expect(catalog.migrations.map(\.version.rawValue) == ["00000000000000", "20240115093000", "20240116100000", "20240117000000"])
        #expect(catalog.migrations.map(\.name) == ["diesel_initial_setup", "create_users", "index_name", "nothing"])
        #expect(catalog.migrations.map(\.transactionMode) == [.transactional, .transactional, .nonTransactional, .transactional])
        #expect(catalog.migrations[0].path.hasSuffix("00000000000000_diesel_initial_setup/up.sql"))
        #expect(try catalog.migrations[0].up.statements(path: "x").count == 2)
        #expect(catalog.migrations[3].up.isEmpty)
    }

    /// A syntax error in a paired down file names the down file and its own line, not the up file.
    @Test(arguments: [
        ("golang-migrate", "0001_users.up.sql", "0001_users.down.sql"),
        ("diesel", "2024-01-15-093000_users/up.sql", "2024-01-15-093000_users/down.sql"),
        ("flyway", "V1__users.sql", "U1__users.sql"),
    ])
    func downFileErrorsNameTheDownFile(tool: String, up: String, down: String) throws {
        let folder = try FormatFixture.scratch([
            up: "CREATE TABLE users (id bigint PRIMARY KEY);\n",
            down: "-- revert\n\nDROP TABLE users;\nSELECT 'unterminated;\n",
        ])
        defer { FormatFixture.remove(folder) }
        let migration = try #require(try MigrationFolder(path: folder).loadCatalog().migrations.first)
        #expect(migration.path.hasSuffix(up), "\(tool)")
        #expect(migration.downPath.hasSuffix(down), "\(tool)")
        #expect(migration.up.path == nil, "\(tool)")
        do {
            _ = try migration.down?.statements(path: migration.path)
            Issue.record("\(tool): the unterminated string was not reported")
        } catch {
            #expect(error.location?.path.hasSuffix(down) == true, "\(tool): \(error)")
            #expect(error.location?.line == 4, "\(tool): \(error)")
        }
    }
}
