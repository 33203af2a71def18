import Foundation
import Logging
import StrataCore

/// `pg_restore` of a backup taken by ``DatabaseBackup``, checked against its manifest before and after.
public enum DatabaseRestore {
    /// Reads the manifest beside `dumpPath` and checks the file's size and SHA-256 against it; nothing else is done.
    public static func verifiedManifest(forDump dumpPath: String) throws(StrataError) -> BackupManifest {
        guard FileManager.default.fileExists(atPath: dumpPath) else {
            throw StrataError(.usage, "no backup file at \(dumpPath)", hint: "see strata backup list")
        }
        let manifestPath = BackupNaming.manifestPath(forDump: dumpPath)
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw StrataError(
                .invalidBackup, "\(dumpPath) has no manifest (\(manifestPath))",
                hint: "restore checks the file against the manifest `strata backup` wrote beside it")
        }
        let manifest = try BackupManifest.decode(data, path: manifestPath)
        let digest = try FileDigest.sha256(ofFileAt: dumpPath)
        try manifest.verify(sizeBytes: digest.size, sha256: digest.sha256)
        return manifest
    }

    /// Restores `dumpPath` into the (empty, existing) database of `settings`, then checks that the restored history
    /// matches `manifest`. `noOwner` skips `ALTER … OWNER` (for a role other than the dumped objects' owners).
    public static func restore(
        _ dumpPath: String, manifest: BackupManifest, into settings: ConnectionSettings, history: HistoryTable,
        noOwner: Bool, environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger
    ) async throws(StrataError) {
        let session = try await DatabaseSession.connect(
            configuration: try settings.postgresConfiguration(), target: settings.redactedURL, logger: logger)
        try await session.closing { session throws(StrataError) in
            let server = try await ServerVersion.read(in: session)
            let tool = try await PostgresClientTool.locate(
                "pg_restore", serverMajorVersion: server.major, environment: environment, logger: logger)
            var arguments = ["--dbname=" + settings.database, "--exit-on-error", "--single-transaction", "--no-password"]
            if noOwner { arguments.append("--no-owner") }
            var clientEnvironment = settings.clientEnvironment(base: environment)
            clientEnvironment.removeValue(forKey: "PGDATABASE")
            let output = try await ProcessRunner.run(tool.path, arguments + [dumpPath], environment: clientEnvironment)
            guard output.succeeded else {
                throw StrataError(
                    .clientTool, "pg_restore into \(settings.database) failed (exit \(output.status)); it was rolled back",
                    detail: output.tail(8),
                    hint: "if the error is about a role or owner, run again with --no-owner")
            }
            let applied = try await AppliedHistory.read(history, in: session)
            try manifest.verifyRestoredHistory(newest: applied.newest, appliedCount: applied.count)
        }
    }
}
