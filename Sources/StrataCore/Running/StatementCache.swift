import StrataSQL

/// The statements of each migration section, split once per run: planning, refusing, running and reporting all
/// read the same split.
public struct StatementCache: Sendable {
    private var split: [Key: [SQLStatement]] = [:]

    private struct Key: Hashable, Sendable {
        var version: MigrationVersion
        var checksum: String
        var section: Int
    }

    /// Creates an empty cache.
    public init() {}

    /// The up section's statements.
    public mutating func up(of migration: Migration) throws(StrataError) -> [SQLStatement] {
        try statements(of: migration, section: 0) { () throws(StrataError) in
            try migration.up.statements(path: migration.path)
        }
    }

    /// The verify section's statements (none without a verify section).
    public mutating func verify(of migration: Migration) throws(StrataError) -> [SQLStatement] {
        try statements(of: migration, section: 1) { () throws(StrataError) in
            try migration.verify?.statements(path: migration.path) ?? []
        }
    }

    /// The down section's statements (none without a down section).
    public mutating func down(of migration: Migration) throws(StrataError) -> [SQLStatement] {
        try statements(of: migration, section: 2) { () throws(StrataError) in
            try migration.down?.statements(path: migration.path) ?? []
        }
    }

    /// Drops every section of `migration` (a file the run is done with), so a long run holds one file's
    /// statements at a time.
    public mutating func forget(_ migration: Migration) {
        for section in 0..<3 {
            split[Key(version: migration.version, checksum: migration.checksum, section: section)] = nil
        }
    }

    private mutating func statements(
        of migration: Migration, section: Int, _ make: () throws(StrataError) -> [SQLStatement]
    ) throws(StrataError) -> [SQLStatement] {
        let key = Key(version: migration.version, checksum: migration.checksum, section: section)
        if let known = split[key] { return known }
        let made = try make()
        split[key] = made
        return made
    }
}
