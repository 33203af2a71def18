import Foundation
import Testing

/// `strata convert --to native`: the converted folder applies to the same schema as the original.
@Suite struct ConvertTests {
    static let placeholders = ["--placeholder", "app_name=shop", "--placeholder", "app_version=1.0"]

    @Test(arguments: ["flyway", "golang-migrate", "dbmate", "goose", "sql-migrate"])
    func convertedFolderAppliesToTheSameSchema(tool: String) async throws {
        let project = try ProjectFolder()
        defer { project.remove() }
        try project.useFormatFixture(tool)
        let original = try await ToolDatabase.make()
        let converted = try await ToolDatabase.make()

        let migrate = try StrataBinary.run(["migrate", "--no-lint", "--database-url", original.url] + Self.placeholders, in: project.path)
        #expect(migrate.status == 0, "\(tool): \(migrate.output)")
        let convert = try StrataBinary.run(["convert", "--to", "native", "--out", "native"] + Self.placeholders, in: project.path)
        #expect(convert.status == 0, "\(tool): \(convert.output)")
        #expect(convert.standardOutput.contains("Converted \(tool == "flyway" ? 5 : 4) \(tool) migrations"), "\(tool): \(convert.output)")
        let names = try FileManager.default.contentsOfDirectory(atPath: project.path + "/native").sorted()
        #expect(names.filter { !$0.hasPrefix("R__") && !$0.hasSuffix("Migrate.sql") }.count >= 4, "\(tool): \(names)")

        let applied = try StrataBinary.run(
            ["migrate", "--no-lint", "--dir", "native", "--database-url", converted.url], in: project.path)
        #expect(applied.status == 0, "\(tool): \(applied.output)")
        #expect(try original.schemaDump() == converted.schemaDump(), "\(tool)")
        #expect(try original.schemaDump().contains("CREATE TABLE public.users"), "\(tool)")

        // The converted folder reverts as the original does.
        let down = try StrataBinary.run(["rollback", "--to", "0", "--dir", "native", "--database-url", converted.url], in: project.path)
        #expect(down.status == 0, "\(tool): \(down.output)")
    }

    /// A stock Diesel project, with `00000000000000_diesel_initial_setup` (version 0), converts; the converted folder
    /// applies to the same schema, and `rollback --to 0` then reverts everything, the version-0 setup too.
    @Test func dieselProjectWithItsVersionZeroSetupConvertsAndRevertsWhole() async throws {
        let project = try ProjectFolder()
        defer { project.remove() }
        try project.useFormatFixture("diesel")
        let original = try await ToolDatabase.make()
        let converted = try await ToolDatabase.make()

        let migrate = try StrataBinary.run(["migrate", "--no-lint", "--database-url", original.url], in: project.path)
        #expect(migrate.status == 0, "\(migrate.output)")
        let convert = try StrataBinary.run(["convert", "--to", "native", "--out", "native"], in: project.path)
        #expect(convert.status == 0, "\(convert.output)")
        #expect(convert.standardOutput.contains("Converted 4 diesel migrations"), "\(convert.output)")
        let names = try FileManager.default.contentsOfDirectory(atPath: project.path + "/native")
        #expect(names.contains("00000000000000_diesel_initial_setup.sql"), "\(names)")

        let applied = try StrataBinary.run(
            ["migrate", "--no-lint", "--dir", "native", "--database-url", converted.url], in: project.path)
        #expect(applied.status == 0, "\(applied.output)")
        #expect(try original.schemaDump() == converted.schemaDump())
        let down = try StrataBinary.run(["rollback", "--to", "0", "--dir", "native", "--database-url", converted.url], in: project.path)
        #expect(down.status == 0, "\(down.output)")
        #expect(down.standardOutput.contains("Reverted 4 migrations"), "\(down.output)")
        #expect(try await converted.strings(
            "SELECT proname::text FROM pg_proc WHERE proname LIKE 'diesel%'") == [])
        #expect(try await converted.strings(
            "SELECT count(*)::text FROM strata.schema_history WHERE kind = 'versioned'") == ["0"])
    }

    @Test func formatFlagOverridesDetection() async throws {
        let project = try ProjectFolder()
        defer { project.remove() }
        try project.useFormatFixture("goose")
        let result = try StrataBinary.run(["convert", "--format", "dbmate", "--out", "x"], in: project.path)
        #expect(result.status == 2)
        #expect(result.standardError.contains("-- migrate:up"))
        let unknown = try StrataBinary.run(["convert", "--format", "liquibase"], in: project.path)
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("unknown migrations format 'liquibase'"))
    }
}
