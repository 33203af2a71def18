/// `CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] table [USING method] (…) …`, read from a
/// statement's tokens.
package struct CreateIndexStatement: Sendable, Hashable {
    /// `UNIQUE` is present.
    package var isUnique: Bool
    /// `CONCURRENTLY` is present.
    package var isConcurrent: Bool
    /// `IF NOT EXISTS` is present.
    package var ifNotExists: Bool
    /// The index name, when given.
    package var name: LintObjectName?
    /// The indexed table.
    package var table: LintObjectName
    /// `ON ONLY`: on a partitioned table, creates the parent's index without building the partitions' (instant).
    package var isOnly: Bool
    /// The access method after `USING` (`btree`, `gin`, `hnsw`, `ivfflat`, …), lower case; nil when not given.
    package var method: String?
    /// The tokens inside the key parentheses (`email, lower(name)`), when present.
    package var keys: TokenSpan?
    /// The index of the `INDEX` keyword, where violations point.
    package var indexKeywordIndex: Int
    /// The index of `CONCURRENTLY`, when present.
    package var concurrentlyIndex: Int?

    /// Reads `CREATE INDEX` from `statement`; nil when it is another statement.
    package init?(_ statement: some TokenPatternMatching) {
        var cursor = statement.cursor()
        guard cursor.skip("create") else { return nil }
        isUnique = cursor.skip("unique")
        indexKeywordIndex = cursor.index
        guard cursor.skip("index") else { return nil }
        concurrentlyIndex = cursor.isAt("concurrently") ? cursor.index : nil
        isConcurrent = cursor.skip("concurrently")
        ifNotExists = cursor.skip("if", "not", "exists")
        name = cursor.isAt("on") ? nil : cursor.readName()
        guard cursor.skip("on") else { return nil }
        isOnly = cursor.skip("only")
        guard let table = cursor.readName() else { return nil }
        self.table = table
        method = cursor.skip("using") ? cursor.readIdentifier() : nil
        keys = cursor.readParenthesized()
    }
}
