import Foundation
import ArgumentParser
import Logging
import StrataCore

/// The flags that decide how a command talks to the terminal; every option set a command declares has them.
protocol OutputFlags {
    /// `--quiet`: print only errors.
    var quiet: Bool { get }
    /// `--verbose`: print debug logs.
    var verbose: Bool { get }
    /// `--no-color`.
    var noColor: Bool { get }
    /// `--log-format plain|log`, when the command has it.
    var logFormat: String? { get }
}

extension OutputFlags {
    /// Commands without `--log-format` follow `STRATA_LOG_FORMAT` and the terminal.
    var logFormat: String? { nil }
}

extension GlobalOptions: OutputFlags {}
extension ConnectionOnlyOptions: OutputFlags {}
extension FolderOnlyOptions: OutputFlags {}

/// The step between parsing and running a command: colour and logging as its flags choose (notice by default, debug
/// with `--verbose`, error with `--quiet`; `--no-color`). `StrataMain` runs it once per process; `ProjectContext`
/// only builds its logger.
enum OutputSetup {
    /// Applies the output flags of `command` (found among its option groups) to the console and the logging system.
    /// A `--log-format` (or `STRATA_LOG_FORMAT`) other than `plain` or `log` is refused.
    static func apply(to command: any ParsableCommand) throws(StrataError) {
        guard let flags = flags(of: command) else { return }
        for (source, value) in [("--log-format", flags.logFormat), ("STRATA_LOG_FORMAT", ProcessInfo.processInfo.environment["STRATA_LOG_FORMAT"])] {
            if let value, !["plain", "log"].contains(value.lowercased()) {
                throw StrataError(.usage, "\(source): '\(value)' is not a log format", hint: "use plain or log")
            }
        }
        Console.colorDisabledByFlag = flags.noColor
        LoggingSetup.bootstrap(
            level: level(flags),
            plain: LoggingSetup.isPlain(
                flag: flags.logFormat, environment: ProcessInfo.processInfo.environment["STRATA_LOG_FORMAT"],
                terminal: Console.standardError.isTerminal))
    }

    /// The output flags among the option groups of `command`, if it declares any.
    static func flags(of command: any ParsableCommand) -> (any OutputFlags)? {
        for child in Mirror(reflecting: command).children {
            if let group = child.value as? any OptionGroupValue, let flags = group.optionsValue as? any OutputFlags {
                return flags
            }
        }
        return nil
    }

    /// The logger of a command with these flags.
    static func logger(for flags: some OutputFlags) -> Logger {
        var logger = Logger(label: "strata")
        logger.logLevel = level(flags)
        return logger
    }

    private static func level(_ flags: some OutputFlags) -> Logger.Level {
        flags.verbose ? .debug : (flags.quiet ? .error : .notice)
    }
}

/// Reads the parsed value of an `@OptionGroup` whatever its type.
private protocol OptionGroupValue {
    var optionsValue: Any { get }
}

extension OptionGroup: OptionGroupValue {
    fileprivate var optionsValue: Any { wrappedValue }
}
