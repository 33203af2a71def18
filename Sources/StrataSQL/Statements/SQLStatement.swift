/// One SQL statement of a file, as it will be sent to the server, with its place in the file.
public struct SQLStatement: Sendable, Hashable {
    /// The exact source text from the first significant token through the last one, without the `;` (and
    /// without trivia between the last token and the `;`).
    public var text: String
    /// All tokens of the statement, trivia inside it included, from the first to the last significant token.
    public var tokens: [Token]
    /// Position of the first significant token.
    public var start: SourcePosition
    /// UTF-8 offset one past the last significant token.
    public var endOffset: Int
    /// Comments between the previous statement's `;` (or the start of the text) and this statement, for
    /// directives and `nolint` markers.
    public var leadingComments: [Token]
    /// The normalized (lowercased) words at the start of the statement: up to 8 leading significant tokens,
    /// stopping at the first token that is not an unquoted word, e.g. `["create", "index", "concurrently",
    /// "if", "not", "exists", "idx", "on"]` or `["alter", "table"]` for `ALTER TABLE "T" …`.
    public var keywords: [String]
    /// Whether PostgreSQL refuses to run the statement inside a transaction block:
    /// `CREATE [UNIQUE] INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`, `REINDEX … CONCURRENTLY`,
    /// `REINDEX SCHEMA | DATABASE | SYSTEM`, `ALTER TABLE … DETACH PARTITION … CONCURRENTLY`, `VACUUM`,
    /// `ALTER SYSTEM`, `CREATE | DROP DATABASE`, `ALTER DATABASE … SET TABLESPACE`, `CREATE | DROP TABLESPACE`,
    /// `CLUSTER` without a table, `DISCARD ALL`, `COMMIT PREPARED`, `ROLLBACK PREPARED`.
    public var requiresNoTransaction: Bool
    /// Whether the statement starts, ends or marks a transaction: `BEGIN`, `START TRANSACTION`, `COMMIT`,
    /// `END`, `ROLLBACK`, `ABORT`, `SAVEPOINT`, `RELEASE`, `PREPARE TRANSACTION` (not `COMMIT PREPARED` /
    /// `ROLLBACK PREPARED`, and not `BEGIN ATOMIC`).
    public var isTransactionControl: Bool

    /// Whether the statement starts or ends the transaction block itself (`BEGIN`, `START TRANSACTION`, `COMMIT`,
    /// `END`, `ROLLBACK`, `ABORT`, `PREPARE TRANSACTION`, with or without `AND CHAIN`), as opposed to
    /// `SAVEPOINT`, `RELEASE` and `ROLLBACK TO`, which work inside it.
    public var changesTransactionBlock: Bool { Self.changesTransactionBlock(keywords: keywords) }

    /// The tokens without whitespace and comments.
    public var significantTokens: [Token] { tokens.filter { !$0.isTrivia } }

    /// A statement made of `tokens`, which must be contiguous source tokens; leading and trailing trivia are
    /// dropped. Keywords and classification are derived from the tokens.
    public init(tokens: [Token], leadingComments: [Token] = []) {
        var kept: [Token] = []
        if let first = tokens.firstIndex(where: { !$0.isTrivia }),
            let last = tokens.lastIndex(where: { !$0.isTrivia })
        {
            kept = Array(tokens[first...last])
        }
        self.init(text: kept.map(\.text).joined(), tokens: kept, leadingComments: leadingComments)
    }

    /// A statement whose `text` is already known to be the exact concatenation of `tokens`.
    init(text: String, tokens: [Token], leadingComments: [Token]) {
        self.text = text
        self.tokens = tokens
        self.leadingComments = leadingComments
        start = tokens.first?.start ?? .start
        endOffset = tokens.last?.endOffset ?? start.offset
        var keywords: [String] = []
        for token in tokens where !token.isTrivia {
            guard token.kind == .word, keywords.count < 8 else { break }
            keywords.append(token.normalized)
        }
        self.keywords = keywords
        requiresNoTransaction = Self.requiresNoTransaction(keywords: keywords, tokens: tokens)
        isTransactionControl = Self.isTransactionControl(keywords: keywords)
    }
}
