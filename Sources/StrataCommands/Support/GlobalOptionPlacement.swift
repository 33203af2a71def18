import ArgumentParser
import Foundation

/// Lets global options stand before the subcommand, as in `strata --database-url URL status` (dbmate's habit):
/// swift-argument-parser reads options on the command that declares them, so leading ones are moved after the
/// subcommand path. The option names and the commands that have subcommands are read from the declarations
/// themselves (`GlobalOptions`, `StrataCommand`), so a new option or subcommand cannot be forgotten here.
enum GlobalOptionPlacement {
    /// Options that take a value, e.g. `--database-url`.
    static let valued: Set<String> = names(ofKind: "option")
    /// Options without a value, e.g. `--quiet`, `-q`.
    static let flags: Set<String> = names(ofKind: "flag").subtracting(["--help", "-h", "--version"])
    /// Commands that have subcommands of their own, e.g. `dev`, `seed`.
    static let groups: Set<String> = Set(
        StrataCommand.configuration.subcommands.filter { !$0.configuration.subcommands.isEmpty }
            .compactMap { $0.configuration.commandName })

    /// `arguments` with leading global options moved behind the (possibly two-word) subcommand.
    static func movingLeadingOptions(_ arguments: [String]) -> [String] {
        // Most command lines start with the command: nothing to move, and no need to read the option names.
        guard arguments.first?.hasPrefix("-") == true else { return arguments }
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if valued.contains(name) {
                leading.append(argument)
                if !argument.contains("="), index + 1 < arguments.count {
                    leading.append(arguments[index + 1])
                    index += 1
                }
            } else if flags.contains(argument) {
                leading.append(argument)
            } else {
                break
            }
            index += 1
        }
        guard !leading.isEmpty, index < arguments.count else { return arguments }
        var path = [arguments[index]]
        index += 1
        if groups.contains(path[0]), index < arguments.count, subcommandNames(of: path[0]).contains(arguments[index]) {
            path.append(arguments[index])
            index += 1
        }
        return path + leading + Array(arguments[index...])
    }

    /// The subcommand names of the group `name`.
    private static func subcommandNames(of name: String) -> Set<String> {
        let group = StrataCommand.configuration.subcommands.first { $0.configuration.commandName == name }
        return Set((group?.configuration.subcommands ?? []).compactMap { $0.configuration.commandName })
    }

    /// `--long` and `-s` names of `GlobalOptions`' arguments of `kind` (`option` or `flag`), read from
    /// swift-argument-parser's own description of them.
    private static func names(ofKind kind: String) -> Set<String> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(GlobalOptions._dumpHelp().utf8)) as? [String: Any],
            let command = object["command"] as? [String: Any],
            let arguments = command["arguments"] as? [[String: Any]]
        else { return [] }
        var result: Set<String> = []
        for argument in arguments where argument["kind"] as? String == kind {
            for name in argument["names"] as? [[String: Any]] ?? [] {
                guard let text = name["name"] as? String else { continue }
                switch name["kind"] as? String {
                case "long": result.insert("--" + text)
                case "short": result.insert("-" + text)
                case "longWithSingleDash": result.insert("-" + text)
                default: break
                }
            }
        }
        return result
    }
}
