/// `DROP INDEX [CONCURRENTLY] [IF EXISTS] name [, …] [CASCADE | RESTRICT]`, read from a statement's tokens.
package struct DropIndexStatement: Sendable, Hashable {
    /// `CONCURRENTLY` is present.
    package var isConcurrent: Bool
    /// `IF EXISTS` is present.
    package var ifExists: Bool
    /// The dropped indexes.
    package var names: [LintObjectName]
    /// `CASCADE` is present.
    package var isCascade: Bool
    /// The index of the `INDEX` keyword, where violations point.
    package var indexKeywordIndex: Int

    /// Reads `DROP INDEX` from `statement`; nil when it is another statement.
    package init?(_ statement: some TokenPatternMatching) {
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
