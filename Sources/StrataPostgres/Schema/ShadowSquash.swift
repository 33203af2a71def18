import Foundation
import Logging
import StrataCore

/// What `strata squash` needs from shadow databases: the schema the folder builds up to a version, and the proof
/// that the squash file alone builds the same schema.
public enum ShadowSquash {
    /// Applies `catalog` up to `version` to the empty `shadow`; returns its `pg_dump` schema and its normalised
    /// schema text. Refuses when a migration up to `version` was skipped there (a squash would drop it).
    public static func schema(
        of catalog: MigrationCatalog, upTo version: MigrationVersion, shadow: ConnectionSettings, options: MigratorOptions,
        environment: [String: String], logger: Logger
    ) async throws(StrataError) -> (dump: String, normalized: String) {
        let session = try await DatabaseSession.connect(
            configuration: try shadow.postgresConfiguration(), target: shadow.redactedURL, logger: logger)
        return try await session.closing { session throws(StrataError) in
            try await RollbackChecker.ensureEmpty(session, shadow: shadow)
            let summary = try await Migrator(session: session, options: options).migrate(catalog, to: version)
            let skipped = (summary.skipped + summary.stillSkipped).filter { $0 <= version }
            if let first = skipped.first {
                throw StrataError(
                    .usage, "migration \(first) was skipped on the shadow database (an extension is not available there)",
                    hint: "a squash would drop it: squash on a server that has the extension (--shadow-url), or squash only below \(first)")
            }
            let history = HistoryTable(schema: options.schema)
            let dump = try await SchemaDumper.pgDumpSchema(
                settings: shadow, session: session, history: history, environment: environment, logger: logger)
            let normalized = try await SchemaDumper.schemaText(
                settings: shadow, session: session, history: history, listingApplied: false, environment: environment,
                logger: logger)
            return (dump, normalized)
        }
    }

    /// Applies `squash` alone to the empty `shadow` and returns the normalised schema text it builds.
    public static func schema(
        of squash: Migration, shadow: ConnectionSettings, options: MigratorOptions, environment: [String: String],
        logger: Logger
    ) async throws(StrataError) -> String {
        let session = try await DatabaseSession.connect(
            configuration: try shadow.postgresConfiguration(), target: shadow.redactedURL, logger: logger)
        return try await session.closing { session throws(StrataError) in
            try await RollbackChecker.ensureEmpty(session, shadow: shadow)
            try await Migrator(session: session, options: options).migrate([squash])
            return try await SchemaDumper.schemaText(
                settings: shadow, session: session, history: HistoryTable(schema: options.schema), listingApplied: false,
                environment: environment, logger: logger)
        }
    }
}
