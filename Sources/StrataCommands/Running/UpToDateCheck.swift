import StrataCore
import StrataPostgres

/// The fast answer of `migrate` and `status` when nothing is to be done: the folder's files read and hashed (not
/// parsed), the history read, and "up to date" only when every file was applied unchanged. Anything else, an error
/// included, answers `nil`, and the command takes its full path, which reports it as always.
enum UpToDateCheck {
    /// Each file's status (all applied) when the configured database has applied every file of the migrations
    /// folder unchanged, and the folder has nothing else to run (no repeatables, no hooks); `nil` otherwise.
    static func appliedStatuses(_ context: ProjectContext, options: MigratorOptions) async -> [MigrationStatus]? {
        // A configured database only (the embedded server is started by the full path), and no `--wait` (a server
        // that is not up yet is waited for once, by the full path).
        let format: MigrationFormat?
        do { format = try context.migrationFormat() } catch { return nil }
        let wait: TimeoutValue?
        do { wait = try context.value(Settings.connectWait) } catch { return nil }
        guard format == nil || format == .native, wait == nil, (try? DatabaseTarget.configured(context)) != nil,
            let before = try? context.require(Settings.beforeMigrateHooks, fallback: []), before.isEmpty,
            let after = try? context.require(Settings.afterMigrateHooks, fallback: []), after.isEmpty,
            let fingerprint = FolderFingerprint.read(context.migrationsDirectory),
            // Mixed version widths earn a warning: the full path prints it.
            VersionWidthCheck.warning(for: fingerprint.files.map(\.version)) == nil,
            let session = try? await context.openSession()
        else { return nil }
        let migrator = Migrator(session: session, options: options)
        let history = try? await migrator.history(in: session)
        await session.close()
        guard let history, fingerprint.isUpToDate(with: history) else { return nil }
        context.logger.debug("all \(fingerprint.files.count) files applied unchanged (checked by checksum, not parsed)")
        let names = Dictionary(fingerprint.files.map { ($0.version, $0.name) }, uniquingKeysWith: { first, _ in first })
        return history.sorted { $0.version < $1.version }.map { entry in
            MigrationStatus(
                version: entry.version, name: names[entry.version] ?? entry.name, state: .applied, migration: nil,
                history: entry)
        }
    }
}
