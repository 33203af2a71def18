import Foundation
import Testing
@testable import StrataCore

/// `strata convert`: the native files read back as the same migrations.
@Suite struct NativeMigrationWriterTests {
    @Test func everyFixtureConvertsToNativeFilesThatReadBackTheSame() throws {
        for tool in ["flyway", "golang-migrate", "dbmate", "goose", "sql-migrate", "diesel"] {
            let source = try FormatFixture.catalog(tool, placeholders: ["app_name": "a", "app_version": "1"])
            let files = try NativeMigrationWriter.files(for: source)
            let output = try FormatFixture.scratch(Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.text) }))
            defer { FormatFixture.remove(output) }
            let converted = try MigrationFolder(path: output).loadCatalog()
            #expect(converted.format == .native, "\(tool)")
            #expect(converted.migrations.map(\.version) == source.migrations.map(\.version), "\(tool)")
            #expect(converted.migrations.map(\.name) == source.migrations.map(\.name), "\(tool)")
            #expect(converted.migrations.map(\.transactionMode) == source.migrations.map(\.transactionMode), "\(tool)")
            for (before, after) in zip(source.migrations, converted.migrations) {
                let upBefore = try FormatFixture.statements(before.up)
                let upAfter = try FormatFixture.statements(after.up)
                #expect(upAfter == (upBefore.isEmpty ? ["SELECT 1"] : upBefore), "\(tool) \(before.version)")
                #expect(try FormatFixture.statements(after.down) == FormatFixture.statements(before.down), "\(tool)")
                #expect((after.down == nil) == (before.down == nil))
            }
            #expect(converted.repeatables.map(\.name) == source.repeatables.map(\.name))
        }
    }

    /// Diesel's `00000000000000_diesel_initial_setup` (version 0) converts, and the native folder reads it back.
    @Test func versionZeroConvertsAndReadsBack() throws {
        let catalog = try FormatFixture.catalog("diesel")
        let files = try NativeMigrationWriter.files(for: catalog)
        #expect(files.first?.name == "00000000000000_diesel_initial_setup.sql")
        let output = try FormatFixture.scratch(Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.text) }))
        defer { FormatFixture.remove(output) }
        #expect(try MigrationFolder(path: output).loadCatalog().migrations.first?.version == .zero)
    }
}
