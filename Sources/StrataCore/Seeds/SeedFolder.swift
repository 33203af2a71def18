import Foundation

/// Reads `db/seeds/`: one set per sub-folder, its `.sql` files in name order, and the set's directives.
public struct SeedFolder: Sendable {
    /// The seeds folder's path as the user gave it.
    public var path: String

    /// Creates a reader for the folder at `path`.
    public init(path: String) { self.path = path }

    /// Every set, sorted by name. A missing folder has no sets. A `.sql` file directly in the folder (outside a
    /// set), an unreadable file, an unknown directive and sets whose files disagree on `env` are refused.
    public func load() throws(StrataError) -> [SeedSet] {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else {
            throw StrataError(.invalidSeed, "the seeds folder '\(path)' is a file")
        }
        let names = try contents(of: path)
        var sets: [SeedSet] = []
        for name in names where !name.hasPrefix(".") {
            let setPath = (path as NSString).appendingPathComponent(name)
            var setIsDirectory: ObjCBool = false
            _ = fileManager.fileExists(atPath: setPath, isDirectory: &setIsDirectory)
            if setIsDirectory.boolValue {
                sets.append(try loadSet(name: name, path: setPath))
            } else if name.hasSuffix(".sql") {
                throw StrataError(
                    .invalidSeed, "the seed file '\(name)' belongs to no set", location: FileLocation(path: setPath, line: 1),
                    hint: "move it into a set folder: \(path)/<set>/\(name)")
            }
        }
        return sets
    }

    /// Reads one set folder.
    public func loadSet(name: String, path setPath: String) throws(StrataError) -> SeedSet {
        var files: [SeedFile] = []
        for fileName in try contents(of: setPath) where fileName.hasSuffix(".sql") {
            let filePath = (setPath as NSString).appendingPathComponent(fileName)
            guard let data = FileManager.default.contents(atPath: filePath) else {
                throw StrataError(
                    .invalidSeed, "cannot read the file", location: FileLocation(path: filePath, line: 1),
                    hint: "check the file's permissions")
            }
            let bytes = [UInt8](data)
            let source = try SQLSourceText(
                path: filePath, bytes: bytes, knownDirectives: SeedDirectives.known, code: .invalidSeed)
            files.append(SeedFile(setName: name, fileName: fileName, source: source, checksum: Checksum.of(bytes)))
        }
        var tables: [String] = []
        var environments: [String]?
        var environmentsSource: FileLocation?
        for file in files {
            for directive in file.source.directives {
                switch directive.name {
                case "seed-tables":
                    for table in try SeedDirectives.tables(directive, in: file.source) where !tables.contains(table) {
                        tables.append(table)
                    }
                case "env":
                    let declared = try SeedDirectives.environments(directive, in: file.source)
                    if let environments, let environmentsSource, Set(environments) != Set(declared) {
                        throw StrataError(
                            .invalidSeed,
                            "set '\(name)' is limited to \(environments.joined(separator: ", ")) at \(environmentsSource), "
                                + "and to \(declared.joined(separator: ", ")) here",
                            location: file.source.location(of: directive),
                            hint: "a set has one list of environments; put sets for other environments in their own folder")
                    }
                    environments = declared
                    environmentsSource = file.source.location(of: directive)
                default:
                    continue
                }
            }
        }
        return SeedSet(name: name, path: setPath, files: files, tables: tables, environments: environments)
    }

    private func contents(of folder: String) throws(StrataError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            throw StrataError(.invalidSeed, "cannot read the seeds folder '\(folder)'", detail: "\(error)")
        }
    }
}
