import Logging

/// The first step of a command run: colour and logging as the flags choose (notice by default, debug with
/// `--verbose`, error with `--quiet`; `--no-color`), and the logger commands use.
enum OutputSetup {
    /// Applies `options` to the console and the logging system, and returns the command's logger.
    static func apply(_ options: GlobalOptions) -> Logger {
        Console.colorDisabledByFlag = options.noColor
        let level: Logger.Level = options.verbose ? .debug : (options.quiet ? .error : .notice)
        LoggingSetup.bootstrap(level: level)
        var logger = Logger(label: "strata")
        logger.logLevel = level
        return logger
    }
}
