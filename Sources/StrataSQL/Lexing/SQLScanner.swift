/// Produces the tokens of a text one at a time, keeping exact positions.
///
/// The statement splitter pulls tokens from a scanner so that it can stop at the first problem in text
/// order (a psql meta-command is reported before an unterminated string that follows it).
struct SQLScanner {
    /// The UTF-8 bytes of the text.
    let bytes: [UInt8]
    /// Local byte index of the next token.
    private(set) var index = 0
    private var cursor: PositionCursor
    /// Local index of the first NUL byte, found once: the token that reaches it is refused.
    private let firstNul: Int?

    /// A scanner over `text`, whose first byte lies at `origin` of the enclosing text.
    init(_ text: String, origin: SourcePosition) {
        bytes = Array(text.utf8)
        cursor = PositionCursor(origin: origin)
        firstNul = bytes.firstIndex(of: 0)
    }

    /// Absolute offset of `bytes[0]`.
    var baseOffset: Int { cursor.baseOffset }

    /// The next token, or nil at the end of the text.
    mutating func next() throws(SQLSyntaxError) -> Token? {
        guard index < bytes.count else { return nil }
        let start = index
        let startPosition = cursor.position
        var cursor = self.cursor
        var failure: (kind: SQLSyntaxError.Kind, delimiter: String)?
        let scanned: Token? = bytes.withUnsafeBufferPointer { buffer in
            switch TokenRules.scan(buffer, at: start, textStart: cursor.baseOffset == 0) {
            case .unterminated(let kind, let delimiter):
                failure = (kind, delimiter)
                return nil
            case .token(let kind, let end):
                cursor.advance(over: buffer, to: end)
                return Self.makeToken(kind, buffer, start: start, end: end, at: startPosition)
            }
        }
        guard let token = scanned else {
            if let nul = firstNul, nul >= start { throw nulError(at: nul) }
            throw Self.unterminated(failure?.kind ?? .unterminatedString, delimiter: failure?.delimiter ?? "'", at: startPosition)
        }
        if let nul = firstNul, nul < token.endOffset - cursor.baseOffset { throw nulError(at: nul) }
        self.cursor = cursor
        index = token.endOffset - cursor.baseOffset
        return token
    }

    /// Moves past the rest of the current line, up to (not over) its line break; for a psql meta-command that
    /// Strata skips.
    mutating func skipRestOfLine() {
        var end = index
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        bytes.withUnsafeBufferPointer { cursor.advance(over: $0, to: end) }
        index = end
    }

    /// The error for the NUL byte at local index `nul`, with its line and column.
    private func nulError(at nul: Int) -> SQLSyntaxError {
        var cursor = self.cursor
        bytes.withUnsafeBufferPointer { cursor.advance(over: $0, to: nul) }
        return .nulByte(at: cursor.position)
    }

    private static func makeToken(
        _ kind: TokenKind, _ buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int, at position: SourcePosition
    ) -> Token {
        let slice = UnsafeBufferPointer(rebasing: buffer[start..<end])
        let text = String(decoding: slice, as: UTF8.self)
        let normalized: String
        switch kind {
        case .word:
            normalized = IdentifierNormalization.foldedWord(slice, text: text)
        case .quotedIdentifier:
            normalized = IdentifierNormalization.unquotedIdentifier(text)
        default:
            normalized = text
        }
        return Token(
            kind: kind, text: text, start: position, endOffset: position.offset + (end - start),
            normalized: normalized)
    }

    private static func unterminated(
        _ kind: SQLSyntaxError.Kind, delimiter: String, at position: SourcePosition
    ) -> SQLSyntaxError {
        switch kind {
        case .unterminatedQuotedIdentifier:
            return .unterminatedQuotedIdentifier(at: position)
        case .unterminatedDollarString:
            return .unterminatedDollarString(at: position, delimiter: delimiter)
        case .unterminatedBlockComment:
            return .unterminatedBlockComment(at: position)
        default:
            return .unterminatedString(at: position)
        }
    }
}
