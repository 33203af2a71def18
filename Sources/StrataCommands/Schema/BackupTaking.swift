import Foundation
import StrataCore
import StrataPostgres

/// Taking a backup for `strata backup` and `strata migrate --backup`: where it goes, and the line printed.
enum BackupTaking {
    /// Strata's version, recorded in manifests.
    static var toolVersion: String { StrataCommand.configuration.version }

    /// The backups folder: `backup.dir` in strata.toml, `STRATA_BACKUP_DIR`, else `.strata/backups`.
    static func directory(_ context: ProjectContext) throws(StrataError) -> String {
        try context.require(Settings.backupDirectory)
    }

    /// Dumps the target database to `out` (else `<backups folder>/<database>-<UTC timestamp>.dump`) on `session`
    /// (opened here when nil), and returns the dump's path with its manifest.
    static func take(
        _ context: ProjectContext, session: DatabaseSession?, out: String?
    ) async throws(StrataError) -> (path: String, manifest: BackupManifest) {
        let target = try await DatabaseTarget.resolve(context)
        var path = try directory(context) + "/" + BackupNaming.fileName(database: target.settings.database, at: Date())
        if let out { path = out }
        let body = { (session: DatabaseSession) async throws(StrataError) -> BackupManifest in
            try await DatabaseBackup.take(
                settings: target.settings, session: session, history: HistoryTable(schema: context.schema), to: path,
                toolVersion: toolVersion, environment: context.environment, logger: context.logger)
        }
        let manifest: BackupManifest
        if let session {
            manifest = try await body(session)
        } else {
            manifest = try await context.withSession(body)
        }
        return (path, manifest)
    }

    /// The backup `migrate --backup` takes before the first pending migration, with its line printed.
    static func beforeMigrate(_ context: ProjectContext, session: DatabaseSession, quiet: Bool) async throws(StrataError) {
        let clock = ContinuousClock()
        let start = clock.now
        let (path, manifest) = try await take(context, session: session, out: nil)
        if !quiet {
            Console.standardOutput.write(
                summary(path: path, manifest: manifest, milliseconds: (clock.now - start).wholeMilliseconds))
        }
    }

    /// `backed up app to .strata/backups/app-….dump (1.2 MB, newest migration 3 add_x)`.
    static func summary(path: String, manifest: BackupManifest, milliseconds: Int) -> String {
        let newest = manifest.newestMigration.map { "newest migration \($0.version) \($0.name)" } ?? "no migration applied"
        return "backed up \(manifest.database) to \(path) (\(byteText(manifest.sizeBytes)), \(newest)) in \(milliseconds) ms"
    }

    /// `512 B`, `12.3 kB`, `4.5 MB`, `1.2 GB` (powers of 1000).
    static func byteText(_ bytes: Int) -> String {
        let units = ["kB", "MB", "GB", "TB"]
        guard bytes >= 1000 else { return "\(bytes) B" }
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return String(format: "%.1f %@", value, units[unit])
    }

    /// The manifests in `directory` (unreadable ones skipped), oldest first.
    static func manifests(in directory: String) -> [(path: String, manifest: BackupManifest)] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var found: [(String, BackupManifest)] = []
        for name in names where name.hasSuffix(BackupNaming.manifestSuffix) {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path),
                let manifest = try? BackupManifest.decode(data, path: path)
            else { continue }
            found.append((path, manifest))
        }
        return found.sorted { ($0.1.createdAt, $0.1.file) < ($1.1.createdAt, $1.1.file) }
    }
}
