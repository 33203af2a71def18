/// One lexical token with its exact source text and place.
public struct Token: Sendable, Hashable {
    /// What the token is.
    public var kind: TokenKind
    /// The exact source text of the token.
    public var text: String
    /// Where the token starts.
    public var start: SourcePosition
    /// UTF-8 offset one past the token's last byte.
    public var endOffset: Int
    /// The name the token stands for: lowercased (ASCII letters only, as PostgreSQL folds them) for `.word`,
    /// unquoted and unescaped for `.quotedIdentifier`, otherwise the same as `text`.
    public var normalized: String
    /// Whether the token is whitespace or a comment.
    public var isTrivia: Bool

    /// Creates a token; `isTrivia` follows from `kind`.
    public init(kind: TokenKind, text: String, start: SourcePosition, endOffset: Int, normalized: String) {
        self.kind = kind
        self.text = text
        self.start = start
        self.endOffset = endOffset
        self.normalized = normalized
        switch kind {
        case .whitespace, .lineComment, .blockComment:
            isTrivia = true
        default:
            isTrivia = false
        }
    }

    /// Whether the token is a comment (line or block).
    public var isComment: Bool { kind == .lineComment || kind == .blockComment }

    /// Whether the token is the unquoted word `keyword` (compare with a lowercase keyword).
    public func isWord(_ keyword: String) -> Bool { kind == .word && normalized == keyword }

    /// Whether the token is the punctuation character `character`, such as `"("` or `";"`.
    public func isPunctuation(_ character: Unicode.Scalar) -> Bool {
        character.isASCII && punctuationByte == UInt8(character.value)
    }

    /// The byte of a punctuation token (always a single ASCII byte), 0 for other kinds.
    var punctuationByte: UInt8 {
        kind == .punctuation ? text.utf8.first ?? 0 : 0
    }
}
