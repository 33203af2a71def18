import Foundation

/// Tells which tool wrote a migrations folder, from its file names and, for one-file formats, the annotations in the
/// files. A folder that mixes formats is an error naming a file of each; an empty folder reads as native.
public enum MigrationFormatDetector {
    /// The format of the folder listed in `listing`. Files read for their annotations are read on every core, and
    /// their bytes are kept in `cache` for the reader that parses them next.
    public static func detect(_ listing: FolderListing, cache: FileBytesCache = FileBytesCache()) throws(StrataError) -> MigrationFormat {
        let byContent = try contentFormats(listing, cache: cache)
        var found: [(format: MigrationFormat, path: String)] = []
        func note(_ format: MigrationFormat, _ path: String) {
            if !found.contains(where: { $0.format == format }) { found.append((format, path)) }
        }
        var sawRepeatable: String?
        for entry in listing.entries {
            if entry.isDirectory {
                if FileManagerProbe.isFile(entry.path + "/up.sql") { note(.diesel, entry.path) }
                continue
            }
            let name = entry.name
            guard name.hasSuffix(".sql") else { continue }
            if FolderListing.hookNames.contains(name) { continue }
            if name.hasPrefix("R__") {
                sawRepeatable = sawRepeatable ?? entry.path
                continue
            }
            if let format = formatByName(name) {
                note(format, entry.path)
                continue
            }
            if let format = byContent[entry.path] { note(format, entry.path) }
        }
        if found.isEmpty, sawRepeatable != nil { return .flyway }
        guard let first = found.first else { return .native }
        if found.count > 1 {
            let second = found[1]
            throw StrataError(
                .invalidMigration,
                "the folder mixes migration formats: '\(first.path)' is \(describe(first.format)), "
                    + "'\(second.path)' is \(describe(second.format))",
                location: FileLocation(path: second.path, line: 1),
                hint: "keep one tool's layout per folder, or choose one with --format (\(MigrationFormat.names))")
        }
        return first.format
    }

    /// The format of each one-file migration whose name does not reveal it, read from its annotations.
    private static func contentFormats(
        _ listing: FolderListing, cache: FileBytesCache
    ) throws(StrataError) -> [String: MigrationFormat] {
        let paths = listing.entries.filter { entry in
            !entry.isDirectory && entry.name.hasSuffix(".sql") && !FolderListing.hookNames.contains(entry.name)
                && !entry.name.hasPrefix("R__") && formatByName(entry.name) == nil
        }.map(\.path)
        let formats = try ParallelMap.map(paths) { path throws(StrataError) in try formatByContent(path, cache: cache) }
        return Dictionary(zip(paths, formats), uniquingKeysWith: { first, _ in first })
    }

    /// The format a file name alone reveals: Flyway's `V1__x.sql` / `U1__x.sql`, golang-migrate's `.up.sql` /
    /// `.down.sql`.
    static func formatByName(_ name: String) -> MigrationFormat? {
        if name.hasSuffix(".up.sql") || name.hasSuffix(".down.sql") { return .golangMigrate }
        let stem = name.dropLast(4)
        if FileNameParsing.flyway(stem, prefix: "V") != nil || FileNameParsing.flyway(stem, prefix: "U") != nil {
            return .flyway
        }
        return nil
    }

    /// The format a one-file migration's first annotation reveals; native when it has none.
    static func formatByContent(_ path: String, cache: FileBytesCache) throws(StrataError) -> MigrationFormat {
        // Every annotation contains `migrate` (dbmate, sql-migrate) or `+goose`: a file with neither is native, and
        // most folders are, so skip decoding and line splitting for them.
        let bytes = try cache.read(path)
        let data = Data(bytes)
        if !data.containsASCIICaseInsensitive("migrate"), !data.containsASCIICaseInsensitive("+goose") { return .native }
        let file = try MigrationFileText.decode(path: path, bytes: bytes)
        for rawLine in file.text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = String(rawLine).trimmingSpaces()
            guard line.hasPrefix("--") else { continue }
            for dialect in [AnnotationDialect.dbmate, .goose, .sqlMigrate] where dialect.classify(line) != nil {
                return dialect.format
            }
        }
        return .native
    }

    private static func describe(_ format: MigrationFormat) -> String {
        switch format {
        case .native: return "a native Strata migration (no other tool's annotations)"
        case .diesel: return "a Diesel migration folder"
        default: return "a \(format) migration"
        }
    }
}

extension Data {
    /// Whether the bytes contain `needle` (ASCII), ignoring ASCII case (bytes are compared with bit 0x20 set, so a
    /// rare false match of punctuation only costs the slow path, never a missed annotation).
    func containsASCIICaseInsensitive(_ needle: String) -> Bool {
        let pattern = Array(needle.lowercased().utf8)
        guard let first = pattern.first, count >= pattern.count else { return false }
        return withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Bool in
            let last = buffer.count - pattern.count
            var index = 0
            while index <= last {
                if buffer[index] | 0x20 == first | 0x20 {
                    var offset = 1
                    while offset < pattern.count, buffer[index + offset] | 0x20 == pattern[offset] | 0x20 { offset += 1 }
                    if offset == pattern.count { return true }
                }
                index += 1
            }
            return false
        }
    }
}
