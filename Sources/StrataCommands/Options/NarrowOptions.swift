import ArgumentParser

/// The options of a command that connects but takes no migration lock and keeps no history (`strata test`): no
/// lock, timeout or schema options in its help.
struct ConnectionOnlyOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: GlobalOptions.Help.databaseURL)
    var databaseURL: String?

    @Option(name: .customLong("config"), help: GlobalOptions.Help.configPath)
    var configPath: String?

    @Option(name: .customLong("wait"), help: GlobalOptions.Help.connectWait)
    var connectWait: String?

    @Flag(name: .shortAndLong, help: GlobalOptions.Help.quiet)
    var quiet = false

    @Flag(name: .shortAndLong, help: GlobalOptions.Help.verbose)
    var verbose = false

    @Flag(name: .customLong("no-color"), help: GlobalOptions.Help.noColor)
    var noColor = false

    /// The same values as global options (the others unset).
    var globalOptions: GlobalOptions {
        get throws {
            var arguments = OptionArguments()
            arguments.add("--database-url", databaseURL)
            arguments.add("--config", configPath)
            arguments.add("--wait", connectWait)
            arguments.add(quiet: quiet, verbose: verbose, noColor: noColor)
            return try GlobalOptions.parse(arguments.list)
        }
    }
}

/// The options of a command that only reads and writes the migrations folder (`strata new`): no connection or
/// lock options in its help.
struct FolderOnlyOptions: ParsableArguments {
    @Option(name: .customLong("dir"), help: GlobalOptions.Help.directory)
    var directory: String?

    @Option(name: .customLong("config"), help: GlobalOptions.Help.configPath)
    var configPath: String?

    @Flag(name: .shortAndLong, help: GlobalOptions.Help.quiet)
    var quiet = false

    @Flag(name: .shortAndLong, help: GlobalOptions.Help.verbose)
    var verbose = false

    @Flag(name: .customLong("no-color"), help: GlobalOptions.Help.noColor)
    var noColor = false

    /// The same values as global options (the others unset).
    var globalOptions: GlobalOptions {
        get throws {
            var arguments = OptionArguments()
            arguments.add("--dir", directory)
            arguments.add("--config", configPath)
            arguments.add(quiet: quiet, verbose: verbose, noColor: noColor)
            return try GlobalOptions.parse(arguments.list)
        }
    }
}

/// Command-line arguments rebuilt from option values, to fill `GlobalOptions` (whose property wrappers only take
/// values by parsing).
private struct OptionArguments {
    var list: [String] = []

    mutating func add(_ name: String, _ value: String?) {
        if let value { list.append("\(name)=\(value)") }
    }

    mutating func add(quiet: Bool, verbose: Bool, noColor: Bool) {
        if quiet { list.append("--quiet") }
        if verbose { list.append("--verbose") }
        if noColor { list.append("--no-color") }
    }
}
