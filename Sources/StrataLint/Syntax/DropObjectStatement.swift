/// `DROP kind [CONCURRENTLY] [IF EXISTS] name [, …] [CASCADE | RESTRICT]` for any object kind (`TABLE`, `DATABASE`,
/// `MATERIALIZED VIEW`, `FUNCTION f(int)`, …), read from a statement's tokens.
package struct DropObjectStatement: Sendable, Hashable {
    /// Object kinds written with more than one word, longest first.
    static let multiWordKinds: [[String]] = [
        ["foreign", "data", "wrapper"], ["text", "search", "configuration"], ["text", "search", "dictionary"],
        ["text", "search", "parser"], ["text", "search", "template"], ["materialized", "view"],
        ["foreign", "table"], ["event", "trigger"], ["access", "method"], ["user", "mapping"],
        ["operator", "class"], ["operator", "family"], ["procedural", "language"], ["owned", "by"],
    ]

    /// The object kind, lower case, words joined by one space (`table`, `materialized view`).
    package var kind: String
    /// The index of the kind's first word, where violations point.
    package var kindIndex: Int
    /// `CONCURRENTLY` is present.
    package var isConcurrent: Bool
    /// `IF EXISTS` is present.
    package var ifExists: Bool
    /// The dropped objects (for functions, without their argument lists).
    package var names: [LintObjectName]
    /// `CASCADE` is present.
    package var isCascade: Bool

    /// Reads `DROP …` from `statement`; nil when it is another statement.
    package init?(_ statement: some TokenPatternMatching) {
        var cursor = statement.cursor()
        guard cursor.skip("drop") else { return nil }
        kindIndex = cursor.index
        if let words = Self.multiWordKinds.first(where: { statement.matches($0, at: cursor.index) }) {
            cursor.advance(by: words.count)
            kind = words.joined(separator: " ")
        } else if let word = cursor.word {
            cursor.advance()
            kind = word
        } else {
            return nil
        }
        isConcurrent = cursor.skip("concurrently")
        ifExists = cursor.skip("if", "exists")
        var names: [LintObjectName] = []
        while let name = cursor.readName() {
            names.append(name)
            _ = cursor.readParenthesized()
            guard cursor.skip(",") else { break }
        }
        self.names = names
        isCascade = statement.containsTopLevel(sequence: "cascade")
    }

    /// The name as written after `DROP`: `TABLE`, `MATERIALIZED VIEW`.
    package var keyword: String { kind.uppercased() }
}
