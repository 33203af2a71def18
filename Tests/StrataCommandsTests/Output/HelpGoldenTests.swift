import ArgumentParser
import Testing

@testable import StrataCommands

/// `--help` of every command, as golden files (`Golden/help/<command>.txt`, `dev-url.txt` for a subcommand).
@Suite struct HelpGoldenTests {
    /// Every command with its golden file name, subcommands included.
    static let commands: [(name: String, type: any ParsableCommand.Type)] = {
        var result: [(String, any ParsableCommand.Type)] = [("strata", StrataCommand.self)]
        for command in StrataCommand.configuration.subcommands {
            let name = command.configuration.commandName ?? "?"
            result.append((name, command))
            for subcommand in command.configuration.subcommands {
                result.append(("\(name)-\(subcommand.configuration.commandName ?? "?")", subcommand))
            }
        }
        return result
    }()

    @Test("the help of every command matches its golden file", arguments: commands.map(\.name))
    func helpMatchesGolden(name: String) throws {
        let command = try #require(Self.commands.first { $0.name == name }?.type)
        let text = StrataCommand.helpMessage(for: command, columns: 100)
        try Golden.expect(text, matches: "help/\(name).txt")
    }

    @Test func commandsThatTakeNoLockDoNotListLockOptions() {
        for command in [TestCommand.self, NewCommand.self] as [any ParsableCommand.Type] {
            let text = StrataCommand.helpMessage(for: command, columns: 100)
            for option in ["--lock-timeout", "--statement-timeout", "--lock-wait", "--lock-retries", "--lock-strategy",
                           "--lock-lease", "--schema"] {
                #expect(!text.contains(option), "\(command.configuration.commandName ?? "") lists \(option)")
            }
        }
        #expect(StrataCommand.helpMessage(for: MigrateCommand.self, columns: 100).contains("--lock-strategy"))
    }
}
