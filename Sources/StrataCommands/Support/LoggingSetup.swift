import Foundation
import Logging

/// Sends swift-log output to standard error at the level the flags choose (notice by default, debug with
/// `--verbose`, error with `--quiet`), once per process.
enum LoggingSetup {
    nonisolated(unsafe) private static var level: Logger.Level = .notice

    private static let once: Void = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = LoggingSetup.level
            return handler
        }
    }()

    /// Installs the handler with `level` (the first call decides).
    static func bootstrap(level: Logger.Level) {
        Self.level = level
        _ = once
    }
}
