import StrataSQL

/// One file of a seed set, `db/seeds/<set>/<file>.sql`, read and lexed.
public struct SeedFile: Sendable {
    /// The set (folder) it belongs to.
    public var setName: String
    /// The file's name inside the set folder, e.g. `001_plans.sql`; the key of its history row.
    public var fileName: String
    /// The decoded, lexed text with its directives.
    public var source: SQLSourceText
    /// SHA-256 of the text (BOM removed, CRLF as LF), as for migrations.
    public var checksum: String

    /// Creates a seed file.
    public init(setName: String, fileName: String, source: SQLSourceText, checksum: String) {
        self.setName = setName
        self.fileName = fileName
        self.source = source
        self.checksum = checksum
    }

    /// The file's path as shown in messages.
    public var path: String { source.path }

    /// The statements to run, with file positions.
    public func statements() throws(StrataError) -> [SQLStatement] { try source.statements() }
}
