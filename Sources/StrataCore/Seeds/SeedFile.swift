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

    /// The tables the file writes rows into: the targets of `INSERT INTO t` and `COPY t FROM`, normalized as
    /// `SeedSet.normalizedTable` does. Used to tell which seeds lose their data when `seed reset` empties a table.
    public func writtenTables() -> Set<String> {
        guard let statements = try? statements() else { return [] }
        var tables: Set<String> = []
        for statement in statements {
            let tokens = statement.significantTokens
            var start: Int?
            if tokens.count > 2, tokens[0].isWord("insert"), tokens[1].isWord("into") {
                start = 2
            } else if tokens.count > 1, tokens[0].isWord("copy"), tokens.contains(where: { $0.isWord("from") }) {
                start = 1
            }
            guard var index = start else { continue }
            var parts: [String] = []
            while index < tokens.count, tokens[index].kind == .word || tokens[index].kind == .quotedIdentifier {
                parts.append(tokens[index].normalized)
                guard index + 1 < tokens.count, tokens[index + 1].isPunctuation(".") else { break }
                index += 2
            }
            if !parts.isEmpty { tables.insert(SeedSet.normalizedTable(parts)) }
        }
        return tables
    }
}
