import Foundation

/// Reads a migrations folder in Strata's native format or another tool's (detected from the folder, or chosen with
/// `format`) into migrations ordered by version, plus repeatable migrations and hooks.
public struct MigrationFolder: Sendable {
    /// The folder's path as the user gave it.
    public var path: String
    /// The folder's format; `nil` detects it (see `MigrationFormatDetector`).
    public var format: MigrationFormat?
    /// Values of Flyway `${name}` placeholders (used in Flyway folders only).
    public var placeholders: [String: String]
    /// Hook files to run before a migrate, besides `beforeMigrate.sql` in the folder.
    public var beforeMigratePaths: [String]
    /// Hook files to run after a migrate, besides `afterMigrate.sql` in the folder.
    public var afterMigratePaths: [String]

    /// Creates a reader for the folder at `path`.
    public init(
        path: String, format: MigrationFormat? = nil, placeholders: [String: String] = [:],
        beforeMigratePaths: [String] = [], afterMigratePaths: [String] = []
    ) {
        self.path = path
        self.format = format
        self.placeholders = placeholders
        self.beforeMigratePaths = beforeMigratePaths
        self.afterMigratePaths = afterMigratePaths
    }

    /// A native file name split into version and name; `nil` when the name does not start with a version.
    /// Versions are digit groups joined by `.` (`1.2_fix.sql`), followed by `_`, `-` or `.` and the name.
    public static func identity(ofFileName fileName: String) -> (version: MigrationVersion, name: String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        return FileNameParsing.versionAndName(fileName.dropLast(4))
    }

    /// The folder's format: `format` when set, else detected.
    public func resolvedFormat() throws(StrataError) -> MigrationFormat {
        if let format { return format }
        return try MigrationFormatDetector.detect(try FolderListing.read(path))
    }

    /// Reads and parses the versioned migrations, sorted by version.
    ///
    /// Throws `invalidMigration` for a missing folder, an unreadable file, a file the format does not accept
    /// (naming it), two files with the same version, and anything the file parser rejects.
    public func load() throws(StrataError) -> [Migration] {
        try loadCatalog().migrations
    }

    /// Reads everything: versioned and repeatable migrations and the hooks.
    public func loadCatalog() throws(StrataError) -> MigrationCatalog {
        let listing = try FolderListing.read(path)
        let format: MigrationFormat
        let cache = FileBytesCache()
        if let chosen = self.format { format = chosen } else { format = try MigrationFormatDetector.detect(listing, cache: cache) }
        let expander = format == .flyway ? PlaceholderExpander(placeholders) : nil
        let migrations: [Migration]
        var scriptFiles = listing.entries.filter { !$0.isDirectory }
        switch format {
        case .native: migrations = try NativeFolderReader.read(listing, cache: cache)
        case .flyway:
            migrations = try FlywayReader.read(listing, placeholders: expander ?? PlaceholderExpander([:]))
            scriptFiles = try FlywayReader.files(in: listing)
        case .golangMigrate: migrations = try GolangMigrateReader.read(listing)
        case .dbmate: migrations = try AnnotatedFolderReader.read(listing, dialect: .dbmate)
        case .goose: migrations = try AnnotatedFolderReader.read(listing, dialect: .goose)
        case .sqlMigrate: migrations = try AnnotatedFolderReader.read(listing, dialect: .sqlMigrate)
        case .diesel: migrations = try DieselReader.read(listing)
        }
        func hookPaths(_ name: String, _ configured: [String]) -> [String] {
            let inFolder = listing.entries.filter { !$0.isDirectory && $0.name == name }.map(\.path)
            return inFolder + configured
        }
        return MigrationCatalog(
            format: format, migrations: migrations,
            repeatables: try ScriptReader.repeatables(scriptFiles, placeholders: expander),
            beforeMigrate: try ScriptReader.hooks(hookPaths("beforeMigrate.sql", beforeMigratePaths), placeholders: expander),
            afterMigrate: try ScriptReader.hooks(hookPaths("afterMigrate.sql", afterMigratePaths), placeholders: expander))
    }
}
