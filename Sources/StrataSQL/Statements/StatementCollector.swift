/// Gathers scanned tokens into statements; the engine behind `StatementSplitter`.
struct StatementCollector {
    private var scanner: SQLScanner
    private var statements: [SQLStatement] = []
    private var leadingComments: [Token] = []
    private var current: [Token] = []
    private var lastSignificantIndex: Int?
    private var boundary = StatementBoundary()

    init(scanner: SQLScanner) {
        self.scanner = scanner
    }

    /// Consumes the whole text.
    mutating func collect() throws(SQLSyntaxError) -> [SQLStatement] {
        while let token = try scanner.next() {
            if token.isTrivia {
                if lastSignificantIndex != nil {
                    current.append(token)
                } else if token.isComment {
                    leadingComments.append(token)
                }
                continue
            }
            switch token.punctuationByte {
            case ByteClass.semicolon where boundary.allowsSplit:
                finishStatement()
                continue
            case ByteClass.backslash:
                throw SQLSyntaxError.metaCommand(metaCommandName(after: token), at: token.start)
            default:
                break
            }
            current.append(token)
            lastSignificantIndex = current.count - 1
            if boundary.observe(token) {
                throw SQLSyntaxError.copyFromStdin(at: current[0].start)
            }
        }
        finishStatement()
        return statements
    }

    private mutating func finishStatement() {
        guard let last = lastSignificantIndex else { return }
        current.removeSubrange((last + 1)...)
        let base = scanner.baseOffset
        let first = current[0]
        let text = String(
            decoding: scanner.bytes[(first.start.offset - base)..<(current[last].endOffset - base)], as: UTF8.self)
        statements.append(SQLStatement(text: text, tokens: current, leadingComments: leadingComments))
        current = []
        current.reserveCapacity(64)
        leadingComments = []
        lastSignificantIndex = nil
        boundary = StatementBoundary()
    }

    /// `\` followed by the command's letters (`\i`, `\copy`, `\gset`), or by one other visible character
    /// (`\!`, `\?`, `\\`, `\.`).
    private func metaCommandName(after backslash: Token) -> String {
        let bytes = scanner.bytes
        let start = backslash.endOffset - scanner.baseOffset
        var end = start
        while end < bytes.count, ByteClass.isASCIILetter(bytes[end]) || ByteClass.isDigit(bytes[end]) {
            end += 1
        }
        if end == start, end < bytes.count, bytes[end] > 0x20, bytes[end] < 0x7F {
            end += 1
        }
        return "\\" + String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
