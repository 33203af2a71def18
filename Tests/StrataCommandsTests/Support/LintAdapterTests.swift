import Foundation
import StrataCore
import StrataLint
import Testing
@testable import StrataCommands
import StrataTesting

@Suite struct LintAdapterTests {
    /// A context reading an empty strata.toml and no environment.
    func context() throws -> ProjectContext {
        let path = ScratchSpace.file(prefix: "strata", suffix: ".toml")
        try "".write(toFile: path, atomically: true, encoding: .utf8)
        return try ProjectContext(options: try GlobalOptions.parse(["--config", path]), environment: [:])
    }

    @Test func connectedServerVersionIsUsedUnlessChosenExplicitly() throws {
        let context = try context()
        let derived = try LintAdapter(context: context)
        #expect(derived.configuration.targetPostgresVersion == 15)
        #expect(derived.targeting(serverMajorVersion: 10).configuration.targetPostgresVersion == 10)
        #expect(derived.targeting(serverMajorVersion: nil).configuration.targetPostgresVersion == 15)
        let explicit = try LintAdapter(context: context, pgVersion: 12)
        #expect(explicit.targeting(serverMajorVersion: 10).configuration.targetPostgresVersion == 12)
    }

    @Test func unknownRuleIdsAreAConfigurationError() throws {
        let context = try context()
        #expect(throws: (any Error).self) { try LintAdapter(context: context, disabled: ["no-such-rule"]) }
    }

    /// A finding in golang-migrate's `.down.sql` names the down file, its line, and quotes that file's line.
    @Test func downFileFindingsNameAndQuoteTheDownFile() throws {
        let folder = try ScratchSpace.folder(prefix: "strata-lint-pair")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "CREATE TABLE users (id bigint PRIMARY KEY);\n".write(
            toFile: folder + "/0001_users.up.sql", atomically: true, encoding: .utf8)
        try "-- put the old column back\n\nALTER TABLE users ADD COLUMN seen_at timestamp;\n".write(
            toFile: folder + "/0001_users.down.sql", atomically: true, encoding: .utf8)
        let migrations = try MigrationFolder(path: folder).loadCatalog().migrations
        let report = try LintAdapter(context: try context()).lint(migrations)
        let finding = try #require(report.findings.first { $0.ruleID == "prefer-timestamptz" })
        #expect(finding.path.hasSuffix("0001_users.down.sql"))
        #expect(finding.line == 3)
        #expect(finding.excerpt?.text == "ALTER TABLE users ADD COLUMN seen_at timestamp;")
    }
}
