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
    /// `PG*` variables (any one of them: libpq's defaults fill the rest), and with none of those the embedded server
    /// under `.strata/postgres/`.
    static func resolve(_ context: ProjectContext) async throws(StrataError) -> DatabaseTarget {
        if let settings = try configured(context) {
            return DatabaseTarget(settings: settings, displayName: settings.redactedURL)
        }
        let server = EmbeddedPostgres(
            projectDirectory: FileManager.default.currentDirectoryPath, environment: context.environment,
            logger: context.logger)
        let settings = try await server.start()
        return DatabaseTarget(settings: settings, displayName: "the embedded server (\(settings.redactedURL))")
    }

    /// The configured database's settings, or nil when none is configured (the embedded server is the target).
    static func configured(_ context: ProjectContext) throws(StrataError) -> ConnectionSettings? {
        if let text = try context.value(Settings.databaseURL) {
            return try ConnectionSettings.parse(text, environment: context.environment)
        }
        return try ConnectionSettings.fromEnvironment(context.environment)
    }

    /// Where the configured database comes from, for messages (`--database-url`, `DATABASE_URL`, `PGUSER, PGPORT`),
    /// or nil when none is configured.
    static func configurationSource(_ context: ProjectContext) -> String? {
        if let source = context.source(of: Settings.databaseURL) { return source.origin }
        let variables = ConnectionSettings.configuredVariables(in: context.environment)
        return variables.isEmpty ? nil : variables.joined(separator: ", ")
    }
}
