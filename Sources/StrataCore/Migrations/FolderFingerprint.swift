import Foundation

/// What a run with nothing to do needs of a native folder, without parsing it: each file's version, name and
/// checksum. Every file is still read and hashed on every run, so an edited applied file is never missed; only the
/// lexing and section splitting are skipped, and only when the database turns out to have applied every file
/// unchanged (see docs/performance.md).
public struct FolderFingerprint: Sendable {
    /// One file's identity.
    public struct File: Sendable, Hashable {
        /// The version from the file name.
        public var version: MigrationVersion
        /// The name from the file name.
        public var name: String
        /// The checksum Strata records for it (of its bytes, as the parser computes it).
        public var checksum: String
    }

    /// The files, in any order.
    public let files: [File]

    /// Reads the folder at `path` when it is plainly native: `.sql` files named `<version>_<name>.sql` with
    /// distinct versions, no repeatable (`R__`) or hook files, no file another tool's name or annotations claim,
    /// no Diesel-style subfolder. `nil` otherwise, or when a file cannot be read: the caller then loads the folder
    /// as usual, which reports any problem.
    public static func read(_ path: String) -> FolderFingerprint? {
        guard let listing = try? FolderListing.read(path) else { return nil }
        var named: [(path: String, version: MigrationVersion, name: String)] = []
        var versions = Set<MigrationVersion>()
        for entry in listing.entries {
            if entry.isDirectory {
                if FileManagerProbe.isFile(entry.path + "/up.sql") { return nil }
                continue
            }
            guard entry.name.hasSuffix(".sql") else { continue }
            guard !FolderListing.isScript(entry.name), MigrationFormatDetector.formatByName(entry.name) == nil,
                let identity = MigrationFolder.identity(ofFileName: entry.name),
                versions.insert(identity.version).inserted
            else { return nil }
            named.append((entry.path, identity.version, identity.name))
        }
        let checksums = try? ParallelMap.map(named) { file throws(StrataError) -> String? in
            let bytes = try MigrationFileText.readBytes(file.path)
            let data = Data(bytes)
            // Another tool's annotations make the folder that tool's: leave it to the full load.
            if data.containsASCIICaseInsensitive("migrate") || data.containsASCIICaseInsensitive("+goose") { return nil }
            return Checksum.of(bytes)
        }
        guard let checksums else { return nil }
        var files: [File] = []
        for (file, checksum) in zip(named, checksums) {
            guard let checksum else { return nil }
            files.append(File(version: file.version, name: file.name, checksum: checksum))
        }
        return FolderFingerprint(files: files)
    }

    /// True when `history` says every file was applied with exactly its checksum (or is covered by a baseline), and
    /// every row belongs to a file: nothing pending, changed, skipped, failed or missing.
    public func isUpToDate(with history: [HistoryEntry]) -> Bool {
        guard history.count == files.count else { return false }
        var rows: [MigrationVersion: HistoryEntry] = [:]
        for entry in history { rows[entry.version] = entry }
        return files.allSatisfy { file in
            guard let row = rows[file.version] else { return false }
            switch row.state {
            case .applied: return row.checksum == file.checksum
            case .baseline: return true
            default: return false
            }
        }
    }
}
