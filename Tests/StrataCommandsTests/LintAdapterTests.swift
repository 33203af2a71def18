import Foundation
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
}
