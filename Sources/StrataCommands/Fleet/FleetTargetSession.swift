import Foundation
import Logging
import StrataCore
import StrataPostgres

/// Connecting to one fleet target and running a command's work there, turned into an outcome: a failure of one
/// target (a wrong password, a failing migration) is its outcome, never the whole run's.
struct FleetTargetSession {
    let context: ProjectContext

    /// Runs `work` on `target` and reports how it went; `work` returns the count and the summary text.
    func outcome(
        of target: FleetTarget, options: MigratorOptions,
        _ work: (DatabaseSession, MigratorOptions, Logger) async throws(StrataError) -> (Int, String)
    ) async -> FleetOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        var logger = context.logger
        logger[metadataKey: "target"] = "\(target.name)"
        do throws(StrataError) {
            let settings = try Self.settings(of: target, environment: context.environment)
            var targetOptions = options
            if let schema = target.schema, let history = target.historySchema {
                targetOptions.schema = history
                targetOptions.searchPath = "\(SQLIdentifier.quoted(schema)), public"
            }
            let session = try await DatabaseSession.connect(
                configuration: try settings.postgresConfiguration(), target: settings.redactedURL, logger: logger)
            let (count, summary) = try await session.closing { (session: DatabaseSession) throws(StrataError) -> (Int, String) in
                try await work(session, targetOptions, logger)
            }
            return FleetOutcome(
                target: target.name, state: .done, count: count, summary: summary,
                milliseconds: (clock.now - start).wholeMilliseconds)
        } catch {
            return FleetOutcome(
                target: target.name, state: .failed, summary: error.message,
                milliseconds: (clock.now - start).wholeMilliseconds, error: error)
        }
    }

    /// The connection settings of `target`: its `url`, or the variable `url_env` names.
    static func settings(of target: FleetTarget, environment: [String: String]) throws(StrataError) -> ConnectionSettings {
        if let url = target.url { return try ConnectionSettings.parse(url, environment: environment) }
        guard let name = target.urlEnvironment, let url = environment[name], !url.isEmpty else {
            throw StrataError(
                .configuration, "the variable \(target.urlEnvironment ?? "?") (url_env of '\(target.name)') is not set",
                location: target.location, hint: "export it with the target's connection URL")
        }
        return try ConnectionSettings.parse(url, environment: environment)
    }
}
