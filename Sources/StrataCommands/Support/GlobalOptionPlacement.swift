/// Lets global options stand before the subcommand, as in `strata --database-url URL status` (dbmate's habit):
/// swift-argument-parser reads options on the command that declares them, so leading ones are moved after the
/// subcommand path.
enum GlobalOptionPlacement {
    /// Options that take a value.
    static let valued: Set<String> = [
        "--database-url", "--dir", "--config", "--schema", "--lock-timeout", "--statement-timeout", "--lock-wait",
    ]
    /// Options without a value.
    static let flags: Set<String> = ["--quiet", "-q", "--verbose", "-v", "--no-color"]
    /// Commands that have subcommands of their own.
    static let groups: Set<String> = ["dev"]

    /// `arguments` with leading global options moved behind the (possibly two-word) subcommand.
    static func movingLeadingOptions(_ arguments: [String]) -> [String] {
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
        if groups.contains(path[0]), index < arguments.count, !arguments[index].hasPrefix("-") {
            path.append(arguments[index])
            index += 1
        }
        return path + leading + Array(arguments[index...])
    }
}
