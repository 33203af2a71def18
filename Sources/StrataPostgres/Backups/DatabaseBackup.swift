import Foundation
import Logging
import PostgresNIO
import StrataCore

/// `pg_dump -Fc` of a database with a manifest beside the file (see ``BackupManifest``).
public enum DatabaseBackup {
    /// Dumps the database of `settings` to `path` (written as `<path>.partial`, renamed when complete) and writes the
    /// manifest beside it. `session` is an open session on the same database (for its version and history).
    public static func take(
        settings: ConnectionSettings, session: DatabaseSession, history: HistoryTable, to path: String,
        toolVersion: String, environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger
    ) async throws(StrataError) -> BackupManifest {
        let server = try await ServerVersion.read(in: session)
        let tool = try await PostgresClientTool.locate(
            "pg_dump", serverMajorVersion: server.major, environment: environment, logger: logger)
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw StrataError(.io, "cannot create the folder \(directory)", detail: "\(error)")
            }
        }
        let partial = path + ".partial"
        let output = try await ProcessRunner.run(
            tool.path, ["--format=custom", "--file=" + partial, "--no-password"],
            environment: settings.clientEnvironment(base: environment))
        guard output.succeeded else {
            try? FileManager.default.removeItem(atPath: partial)
            throw StrataError(
                .clientTool, "pg_dump of \(settings.database) failed (exit \(output.status))", detail: output.tail(8),
                hint: "nothing was written; the role needs read access to every table it dumps")
        }
        do {
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        } catch {
            throw StrataError(.io, "cannot move the dump to \(path)", detail: "\(error)")
        }
        let digest = try FileDigest.sha256(ofFileAt: path)
        let applied = try await AppliedHistory.read(history, in: session)
        let manifest = BackupManifest(
            file: (path as NSString).lastPathComponent, database: settings.database, serverVersion: server.text,
            dumpTool: tool.versionLine, sizeBytes: digest.size, sha256: digest.sha256, newestMigration: applied.newest,
            appliedCount: applied.count, toolVersion: toolVersion, createdAt: Date())
        let manifestPath = BackupNaming.manifestPath(forDump: path)
        do {
            try manifest.encoded().write(to: URL(fileURLWithPath: manifestPath), options: .atomic)
        } catch let error as StrataError {
            throw error
        } catch {
            throw StrataError(.io, "cannot write \(manifestPath)", detail: "\(error)")
        }
        return manifest
    }
}

/// The server's version, as text and as a major number.
struct ServerVersion {
    var text: String
    var major: Int

    static func read(in session: DatabaseSession) async throws(StrataError) -> ServerVersion {
        let rows = try await session.run(
            "SELECT current_setting('server_version'), current_setting('server_version_num')::int8")
        guard let row = rows.first, let decoded = try? row.decode((String, Int64).self) else {
            throw StrataError(.internal, "cannot read the server's version")
        }
        return ServerVersion(text: decoded.0, major: Int(decoded.1 / 10_000))
    }
}

/// The applied part of the history: how many, and the newest.
enum AppliedHistory {
    static func read(
        _ history: HistoryTable, in session: DatabaseSession
    ) async throws(StrataError) -> (count: Int, newest: BackupManifest.AppliedMigration?) {
        let applied = try await history.entries(in: session).filter { $0.state == .applied || $0.state == .baseline }
        let newest = applied.max { $0.version < $1.version }
        return (applied.count, newest.map { BackupManifest.AppliedMigration(version: $0.version.rawValue, name: $0.name) })
    }
}
