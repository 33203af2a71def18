import Foundation

/// What `strata backup` records beside a dump file, and what `strata restore` checks before it touches a database.
///
/// Written as `<dump name>.manifest.json` (keys sorted, so two manifests diff cleanly).
public struct BackupManifest: Codable, Sendable, Equatable {
    /// The newest applied migration when the backup was taken.
    public struct AppliedMigration: Codable, Sendable, Equatable {
        /// Its version, as recorded in the history.
        public var version: String
        /// Its name.
        public var name: String

        /// Creates a value.
        public init(version: String, name: String) {
            self.version = version
            self.name = name
        }
    }

    /// The manifest format; 1 for now.
    public var format: Int
    /// The dump file's name (no folder): the manifest and the dump travel together.
    public var file: String
    /// The database that was dumped.
    public var database: String
    /// The server's `server_version`, e.g. `15.18 (Debian 15.18-1)`.
    public var serverVersion: String
    /// The `pg_dump --version` line that wrote the file.
    public var dumpTool: String
    /// The dump file's size in bytes.
    public var sizeBytes: Int
    /// The SHA-256 of the dump file, lowercase hex.
    public var sha256: String
    /// The newest applied migration, or nil when none was applied (or the history table did not exist).
    public var newestMigration: AppliedMigration?
    /// How many migrations the history records as applied.
    public var appliedCount: Int
    /// Strata's version.
    public var toolVersion: String
    /// When the dump finished, ISO 8601 in UTC.
    public var createdAt: String

    /// Creates a manifest.
    public init(
        file: String, database: String, serverVersion: String, dumpTool: String, sizeBytes: Int, sha256: String,
        newestMigration: AppliedMigration?, appliedCount: Int, toolVersion: String, createdAt: Date
    ) {
        format = 1
        self.file = file
        self.database = database
        self.serverVersion = serverVersion
        self.dumpTool = dumpTool
        self.sizeBytes = sizeBytes
        self.sha256 = sha256
        self.newestMigration = newestMigration
        self.appliedCount = appliedCount
        self.toolVersion = toolVersion
        self.createdAt = BackupNaming.isoTimestamp(createdAt)
    }

    /// The manifest as pretty-printed JSON with sorted keys and a final newline.
    public func encoded() throws(StrataError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self) + Data("\n".utf8)
        } catch {
            throw StrataError(.internal, "cannot encode the backup manifest", detail: "\(error)")
        }
    }

    /// Reads a manifest; `path` is only for the message.
    public static func decode(_ data: Data, path: String) throws(StrataError) -> BackupManifest {
        do {
            return try JSONDecoder().decode(BackupManifest.self, from: data)
        } catch {
            throw StrataError(
                .invalidBackup, "\(path) is not a Strata backup manifest", detail: "\(error)",
                hint: "a backup is restored together with the .manifest.json that `strata backup` wrote beside it")
        }
    }

    /// Throws `invalid-backup` (exit 4) unless the file's measured size and SHA-256 are the recorded ones.
    public func verify(sizeBytes measuredSize: Int, sha256 measuredDigest: String) throws(StrataError) {
        guard measuredSize == sizeBytes, measuredDigest.lowercased() == sha256.lowercased() else {
            throw StrataError(
                .invalidBackup, "\(file) does not match its manifest: the file was changed or cut short",
                detail: "manifest: \(sizeBytes) bytes, sha256 \(sha256); file: \(measuredSize) bytes, sha256 \(measuredDigest)",
                hint: "nothing was restored; use another backup (strata backup list)")
        }
    }

    /// Throws `invalid-backup` unless the restored history's newest applied migration is the recorded one.
    public func verifyRestoredHistory(newest: AppliedMigration?, appliedCount restoredCount: Int) throws(StrataError) {
        guard newest == newestMigration, restoredCount == appliedCount else {
            let expected = newestMigration.map { "\($0.version) \($0.name)" } ?? "none"
            let found = newest.map { "\($0.version) \($0.name)" } ?? "none"
            throw StrataError(
                .invalidBackup,
                "the restored history does not match the manifest: expected \(appliedCount) applied, newest \(expected); "
                    + "found \(restoredCount), newest \(found)",
                hint: "the dump may have been taken with another --schema; check the database before using it")
        }
    }
}

extension StrataError.Code {
    /// A backup file that does not match its manifest, or a restore whose result does not (exit 4).
    public static let invalidBackup = StrataError.Code("invalid-backup", exitStatus: .validation)
    /// A PostgreSQL client program (`pg_dump`, `pg_restore`) is missing, too old or failed (exit 1).
    public static let clientTool = StrataError.Code("client-tool", exitStatus: .failure)
}
