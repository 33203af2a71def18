import Foundation
import StrataCore
import StrataPostgres

/// The shadow database of `check rollbacks` and `diff`: `--shadow-url` (an empty database of the user's), else a
/// throw-away database on the embedded server, dropped afterwards.
enum ShadowDatabase {
    /// Runs `body` with the shadow's settings.
    static func with<T>(
        _ context: ProjectContext, shadowURL: String?, _ body: (ConnectionSettings) async throws(StrataError) -> T
    ) async throws(StrataError) -> T {
        if let shadowURL {
            return try await body(try ConnectionSettings.parse(shadowURL, environment: context.environment))
        }
        let server = EmbeddedPostgres(
            projectDirectory: FileManager.default.currentDirectoryPath, environment: context.environment,
            logger: context.logger)
        _ = try await server.start()
        let name = "strata_shadow_" + UUID().uuidString.prefix(8).lowercased()
        try await server.createDatabase(name)
        do {
            let result = try await body(server.connectionSettings(database: name))
            try? await server.dropDatabase(name)
            return result
        } catch {
            try? await server.dropDatabase(name)
            throw error
        }
    }
}
