/// Which backups `--keep N` removes: all but the newest N, newest judged by the manifest's `createdAt` and then
/// the file name (both sort as text in time order).
public enum BackupRetention {
    /// The manifests to remove so that `keep` remain; `keep` below 0 counts as 0.
    public static func toRemove(_ manifests: [BackupManifest], keep: Int) -> [BackupManifest] {
        let newestFirst = ordered(manifests).reversed()
        return Array(newestFirst.dropFirst(max(keep, 0)))
    }

    /// Oldest first.
    public static func ordered(_ manifests: [BackupManifest]) -> [BackupManifest] {
        manifests.sorted { ($0.createdAt, $0.file) < ($1.createdAt, $1.file) }
    }
}
