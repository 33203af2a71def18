/// Splits SQL text into PostgreSQL tokens, trivia (whitespace and comments) included.
///
/// Concatenating the `text` of all tokens gives back the input exactly.
public struct SQLLexer: Sendable {
    private let text: String
    private let origin: SourcePosition

    /// A lexer for `text`, with positions counted from the start of `text`.
    public init(_ text: String) {
        self.init(text, origin: .start)
    }

    /// A lexer for `text` that starts at `origin` of an enclosing file, so positions are file positions.
    public init(_ text: String, origin: SourcePosition) {
        self.text = text
        self.origin = origin
    }

    /// All tokens in order; throws at the first string, identifier, dollar quote or comment left open.
    public func tokenize() throws(SQLSyntaxError) -> [Token] {
        var scanner = SQLScanner(text, origin: origin)
        var tokens: [Token] = []
        tokens.reserveCapacity(scanner.bytes.count / 4)
        while let token = try scanner.next() {
            tokens.append(token)
        }
        return tokens
    }
}
