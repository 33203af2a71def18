import Foundation
import Logging
import StrataCore

/// The schema the migration folder builds: every migration applied to an empty shadow database, then dumped like
/// `strata dump` (without the applied list), for `strata diff`.
public enum ShadowSchema {
    /// Applies `catalog` to the empty database of `shadow` and returns its normalised schema text.
    public static func build(
        _ catalog: MigrationCatalog, shadow: ConnectionSettings, options: MigratorOptions,
        environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger
    ) async throws(StrataError) -> String {
        let session = try await DatabaseSession.connect(
            configuration: try shadow.postgresConfiguration(), target: shadow.redactedURL, logger: logger)
        return try await session.closing { session throws(StrataError) in
            try await RollbackChecker.ensureEmpty(session, shadow: shadow)
            try await Migrator(session: session, options: options).migrate(catalog)
            return try await SchemaDumper.schemaText(
                settings: shadow, session: session, history: HistoryTable(schema: options.schema), listingApplied: false,
                environment: environment, logger: logger)
        }
    }
}
