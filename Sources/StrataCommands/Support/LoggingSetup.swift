import Foundation
import Logging

/// Sends swift-log output to standard error at the level the flags choose, once per process.
enum LoggingSetup {
    private static let once: Void = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .trace
            return handler
        }
    }()

    /// Installs the handler; the level is applied per logger.
    static func bootstrap(level: Logger.Level) {
        _ = once
    }
}
