import Foundation
import Logging
import StrataCore
import StrataPostgres

/// The database a command talks to, and where that choice came from.
struct DatabaseTarget {
    let settings: ConnectionSettings
    /// A password-free description for messages.
    let displayName: String

    /// `--database-url`, then `DATABASE_URL` / `STRATA_DATABASE_URL`, then `database_url` in strata.toml, then the
    /// `PG*` variables, and with none of those the embedded server under `.strata/postgres/`.
    static func resolve(
        flag: String?, environment: [String: String], configuration: ConfigurationFile, logger: Logger
    ) async throws(StrataError) -> DatabaseTarget {
        func nonEmpty(_ value: String?) -> String? { value?.isEmpty == false ? value : nil }
        if let text = nonEmpty(flag) ?? nonEmpty(environment["DATABASE_URL"]) ?? nonEmpty(environment["STRATA_DATABASE_URL"])
            ?? nonEmpty(configuration["database_url"])
        {
            let settings = try ConnectionSettings.parse(text, environment: environment)
            return DatabaseTarget(settings: settings, displayName: settings.redactedURL)
        }
        if let settings = try ConnectionSettings.fromEnvironment(environment) {
            return DatabaseTarget(settings: settings, displayName: settings.redactedURL)
        }
        let server = EmbeddedPostgres(
            projectDirectory: FileManager.default.currentDirectoryPath, environment: environment, logger: logger)
        let settings = try await server.start()
        return DatabaseTarget(settings: settings, displayName: "the embedded server (\(settings.redactedURL))")
    }
}
