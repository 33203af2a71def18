import Foundation
import Logging

/// What a person reads on a terminal: a log message as a plain sentence on standard error (`waiting for the
/// migration lock held by pid 42 (psql, …)`), with `warning: ` or `error: ` before it when it is one — no timestamp,
/// label or module. Pipelines and files get swift-log's stream format instead (see `LoggingSetup`).
struct PlainLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let prefix: String
        switch event.level {
        case .warning: prefix = "warning: "
        case .error, .critical: prefix = "error: "
        case .trace, .debug: prefix = "debug: "
        case .info, .notice: prefix = ""
        }
        // A fleet run names the target a message is about.
        let target = (event.metadata?["target"] ?? metadata["target"]).map { "[\($0)] " } ?? ""
        Console.standardError.write(target + prefix + "\(event.message)")
    }
}
