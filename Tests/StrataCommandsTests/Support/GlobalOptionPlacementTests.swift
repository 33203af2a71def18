import ArgumentParser
import Testing

@testable import StrataCommands

/// Global options work before the subcommand too; the list of them is read from the declarations.
@Suite struct GlobalOptionPlacementTests {
    static let valuedExamples: [String: String] = [
        "--database-url": "postgres://u@h/db", "--dir": "db/m", "--config": "x.toml", "--schema": "s",
        "--lock-timeout": "1s", "--statement-timeout": "1min", "--lock-wait": "2s", "--lock-retries": "2",
        "--lock-strategy": "table", "--lock-lease": "10s", "--wait": "5s", "--log-format": "plain",
    ]

    @Test func everyGlobalOptionIsKnown() {
        #expect(GlobalOptionPlacement.valued == Set(Self.valuedExamples.keys))
        #expect(GlobalOptionPlacement.flags == ["--quiet", "-q", "--verbose", "-v", "--no-color"])
        #expect(GlobalOptionPlacement.groups == ["backup", "check", "dev", "fleet", "jobs", "seed", "sync"])
    }

    @Test("each global option before the subcommand is moved after it and parses", arguments: [
        "--database-url", "--dir", "--config", "--schema", "--lock-timeout", "--statement-timeout", "--lock-wait",
        "--lock-retries", "--lock-strategy", "--lock-lease", "--wait", "--log-format",
    ])
    func valuedOptionBeforeTheSubcommand(option: String) throws {
        let value = try #require(Self.valuedExamples[option])
        let moved = GlobalOptionPlacement.movingLeadingOptions([option, value, "migrate", "--dry-run"])
        #expect(moved == ["migrate", option, value, "--dry-run"])
        let command = try StrataCommand.parseAsRoot(moved)
        #expect(command is MigrateCommand)
        let equals = GlobalOptionPlacement.movingLeadingOptions(["\(option)=\(value)", "status"])
        #expect(equals == ["status", "\(option)=\(value)"])
        #expect(try StrataCommand.parseAsRoot(equals) is StatusCommand)
    }

    @Test func flagsAndTwoWordSubcommandsMoveToo() throws {
        let seedStatus = GlobalOptionPlacement.movingLeadingOptions(["-q", "--lock-wait", "1s", "seed", "status", "--json"])
        #expect(seedStatus == ["seed", "status", "-q", "--lock-wait", "1s", "--json"])
        #expect(try StrataCommand.parseAsRoot(seedStatus) is SeedCommand.Status)
        let seedSet = GlobalOptionPlacement.movingLeadingOptions(["--no-color", "seed", "plans"])
        #expect(seedSet == ["seed", "--no-color", "plans"])
        let devURL = GlobalOptionPlacement.movingLeadingOptions(["--verbose", "dev", "url"])
        #expect(try StrataCommand.parseAsRoot(devURL) is DevCommand.URLCommand)
    }
}
