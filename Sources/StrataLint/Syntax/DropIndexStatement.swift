/// `DROP INDEX [CONCURRENTLY] [IF EXISTS] name [, …] [CASCADE | RESTRICT]`, read from a statement's tokens.
public struct DropIndexStatement: Sendable, Hashable {
    /// `CONCURRENTLY` is present.
    public var isConcurrent: Bool
    /// `IF EXISTS` is present.
    public var ifExists: Bool
    /// The dropped indexes.
    public var names: [LintObjectName]
    /// `CASCADE` is present.
    public var isCascade: Bool
    /// The index of the `INDEX` keyword, where violations point.
    public var indexKeywordIndex: Int

    /// Reads `DROP INDEX` from `statement`; nil when it is another statement.
    public init?(_ statement: some TokenPatternMatching) {
        var cursor = statement.cursor()
        guard cursor.skip("drop") else { return nil }
        indexKeywordIndex = cursor.index
        guard cursor.skip("index") else { return nil }
        isConcurrent = cursor.skip("concurrently")
        ifExists = cursor.skip("if", "exists")
        var names: [LintObjectName] = []
        while let name = cursor.readName() {
            names.append(name)
            guard cursor.skip(",") else { break }
        }
        self.names = names
        isCascade = cursor.skip("cascade")
    }
}
