import Foundation
import Logging

/// Sends swift-log output to standard error at the level the flags choose (notice by default, debug with
/// `--verbose`, error with `--quiet`), once per process: as plain sentences for a person (``PlainLogHandler``), or
/// in swift-log's stream format with time and source for a log file or pipeline.
enum LoggingSetup {
    nonisolated(unsafe) private static var level: Logger.Level = .notice
    nonisolated(unsafe) private static var plain = true

    private static let once: Void = {
        LoggingSystem.bootstrap { label in
            if LoggingSetup.plain { return PlainLogHandler(logLevel: LoggingSetup.level) }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = LoggingSetup.level
            return handler
        }
    }()

    /// Installs the handler with `level` and the format (the first call decides).
    static func bootstrap(level: Logger.Level, plain: Bool = true) {
        Self.level = level
        Self.plain = plain
        _ = once
    }

    /// Plain sentences unless `--log-format log` (or `STRATA_LOG_FORMAT=log`) asks for log lines; with neither,
    /// plain on a terminal and log lines elsewhere.
    static func isPlain(flag: String?, environment: String?, terminal: Bool) -> Bool {
        switch (flag ?? environment)?.lowercased() {
        case "plain"?: return true
        case "log"?: return false
        default: return terminal
        }
    }
}
