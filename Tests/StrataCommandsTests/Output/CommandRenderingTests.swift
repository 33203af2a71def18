import Foundation
import StrataCore
import StrataSQL
import Testing
@testable import StrataCommands

@Suite struct CommandRenderingTests {
    func status(_ version: String, _ state: MigrationStatus.State, name: String = "x\"y") -> MigrationStatus {
        let migration = Migration(
            version: MigrationVersion(version)!, name: name, path: "p",
            up: MigrationSection(sql: "SELECT 1", origin: SourcePosition(offset: 0, line: 1, column: 1)), checksum: "abc")
        let history = state == .pending ? nil : HistoryEntry(
            version: migration.version, name: name, checksum: "abc", state: .applied,
            appliedAt: Date(timeIntervalSince1970: 1_700_000_000), appliedBy: "me", durationMilliseconds: 3, statementsRun: 1)
        return MigrationStatus(version: migration.version, name: name, state: state, migration: migration, history: history)
    }

    @Test func statusJSONHasTheDocumentedShape() throws {
        let text = StatusRendering.json([status("1", .applied), status("2", .pending)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let migrations = try #require(object["migrations"] as? [[String: Any]])
        #expect(migrations.count == 2)
        #expect(migrations[0]["version"] as? String == "1")
        #expect(migrations[0]["name"] as? String == "x\"y")
        #expect(migrations[0]["state"] as? String == "applied")
        #expect(migrations[0]["applied_at"] as? String == "2023-11-14T22:13:20Z")
        #expect(migrations[0]["checksum"] as? String == "abc")
        #expect(migrations[1]["applied_at"] is NSNull)
        #expect(object["current_version"] as? String == "1")
    }

    @Test func statusJSONCurrentVersionIsTheNewestAppliedOneOrNull() throws {
        func current(_ statuses: [MigrationStatus]) throws -> Any? {
            let text = StatusRendering.json(statuses)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            return object["current_version"]
        }
        #expect(try current([status("1", .applied), status("10", .changed), status("11", .pending)]) as? String == "10")
        #expect(try current([status("1", .pending)]) is NSNull)
        #expect(try current([]) is NSNull)
    }

    @Test func statusJSONListsRepeatablesWithTheirState() throws {
        let view = RepeatableMigration(
            name: "app_views", path: "R__app_views.sql", up: MigrationSection(sql: "SELECT 1", origin: .start),
            checksum: "def")
        let text = StatusRendering.json([status("1", .applied)], repeatables: [(view, true), (view, false)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let repeatables = try #require(object["repeatables"] as? [[String: Any]])
        #expect(repeatables.map { $0["state"] as? String } == ["applied", "pending"])
        #expect(repeatables.first?["name"] as? String == "app_views")
        #expect(repeatables.first?["checksum"] as? String == "def")
        #expect((object["migrations"] as? [[String: Any]])?.count == 1)
    }

    @Test func statusTableCountsStates() {
        let table = StatusRendering.table([status("1", .applied), status("2", .pending), status("3", .pending)], color: false)
        #expect(table.contains("VERSION"))
        #expect(table.hasSuffix("1 applied, 2 pending"))
        #expect(!table.contains("\u{1B}["))
    }

    @Test func errorRenderingNamesLocationStateDetailHintAndContext() {
        let error = StrataError(
            .migrationFailed, "relation \"t\" does not exist", location: FileLocation(path: "db/1_a.sql", line: 4, column: 7),
            sqlState: "42P01", detail: "d", hint: "h", serverContext: "PL/pgSQL function f() line 3")
        let text = ErrorRenderer.render(error, color: false)
        #expect(text == """
            error: db/1_a.sql:4:7: relation "t" does not exist (SQLSTATE 42P01)
              detail: d
              hint: h
              context: PL/pgSQL function f() line 3
            """)
    }

    @Test func slugsAndTimestamps() {
        #expect(Templates.slug("Add V2 columns!") == "add_v2_columns")
        #expect(Templates.slug("  --  ") == "")
        #expect(Templates.timestamp(Date(timeIntervalSince1970: 0)) == "19700101000000")
    }

    @Test func usageErrorsExitTwo() async {
        #expect(await StrataMain.run(arguments: ["migrate", "--no-such-flag"]) == .usage)
        #expect(await StrataMain.run(arguments: ["no-such-command"]) == .usage)
        #expect(await StrataMain.run(arguments: ["rollback", "--steps", "1", "--to", "2"]) == .usage)
        #expect(await StrataMain.run(arguments: ["--help"]) == .success)
    }

    /// `seed status` says why a stale file is due again, in the table and in JSON.
    @Test func seedStatusShowsAStaleFileWithItsReason() throws {
        let bytes = Array("INSERT INTO plans (name) VALUES ('free');".utf8)
        let source = try SQLSourceText(path: "db/seeds/plans/001_plans.sql", bytes: bytes, knownDirectives: [], code: .invalidSeed)
        let file = SeedFile(setName: "plans", fileName: "001_plans.sql", source: source, checksum: "abc")
        let history = SeedHistoryEntry(
            setName: "plans", fileName: "001_plans.sql", checksum: "abc", appliedAt: Date(timeIntervalSince1970: 1_700_000_000),
            appliedBy: "me", staleReason: "table plans is empty")
        let statuses = SeedSetStatus.statuses(
            of: [SeedSet(name: "plans", path: "db/seeds/plans", files: [file], tables: ["plans"])], history: [history],
            environment: nil)
        #expect(statuses[0].files[0].state == .stale)
        #expect(statuses[0].files[0].needsApply)
        let table = SeedStatusRendering.table(statuses, environment: nil, color: false)
        #expect(table.contains("plans  001_plans.sql  stale"), "\(table)")
        #expect(table.contains("plans/001_plans.sql is stale, seed applies it again: table plans is empty"), "\(table)")
        let json = SeedStatusRendering.json(statuses, environment: nil)
        #expect(json.contains("\"state\":\"stale\",\"reason\":\"table plans is empty\""), "\(json)")
    }
}
