import Foundation
import Logging
import StrataCore

/// The schema of a database as `strata dump` writes it: `pg_dump --schema-only` without owners, privileges,
/// tablespaces or Strata's own schema, normalised by ``SchemaDumpText`` with the applied versions at the end.
public enum SchemaDumper {
    /// The normalised schema text of the database of `settings`; `session` is open on the same database. Without
    /// `listingApplied` the trailer lists no migration (for comparing schemas whatever the history says).
    public static func schemaText(
        settings: ConnectionSettings, session: DatabaseSession, history: HistoryTable, listingApplied: Bool = true,
        environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger
    ) async throws(StrataError) -> String {
        let dump = try await pgDumpSchema(settings: settings, session: session, history: history, environment: environment, logger: logger)
        guard listingApplied else { return SchemaDumpText.normalized(dump, applied: []) }
        let applied = try await history.entries(in: session)
            .filter { $0.state == .applied || $0.state == .baseline }
            .sorted { $0.version < $1.version }
            .map { (version: $0.version.rawValue, name: $0.name) }
        return SchemaDumpText.normalized(dump, applied: applied)
    }

    /// `pg_dump --schema-only` of the database of `settings` as pg_dump writes it, without owners, privileges,
    /// tablespaces or Strata's own schema (the pg_dump matching the server's major version).
    public static func pgDumpSchema(
        settings: ConnectionSettings, session: DatabaseSession, history: HistoryTable,
        environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger
    ) async throws(StrataError) -> String {
        let server = try await ServerVersion.read(in: session)
        let tool = try await PostgresClientTool.locate(
            "pg_dump", serverMajorVersion: server.major, environment: environment, logger: logger)
        let quotedSchema = "\"" + history.schema.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let output = try await ProcessRunner.run(
            tool.path,
            ["--schema-only", "--no-owner", "--no-privileges", "--no-tablespaces", "--no-password",
             "--exclude-schema=" + quotedSchema],
            environment: settings.clientEnvironment(base: environment))
        guard output.succeeded else {
            throw StrataError(
                .clientTool, "pg_dump --schema-only of \(settings.database) failed (exit \(output.status))",
                detail: output.tail(8))
        }
        return output.standardOutput
    }
}
