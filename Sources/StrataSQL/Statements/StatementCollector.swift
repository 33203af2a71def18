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
                let command = metaCommandName(after: token)
                if lastSignificantIndex == nil, Self.skippedMetaCommands.contains(command) {
                    scanner.skipRestOfLine()
                    continue
                }
                throw SQLSyntaxError.metaCommand(command, at: token.start)
            default:
                break
            }
            current.append(token)
            lastSignificantIndex = current.count - 1
            switch boundary.observe(token) {
            case .fromStdin?: throw SQLSyntaxError.copyFromStdin(at: current[0].start)
            case .toStdout?: throw SQLSyntaxError.copyToStdout(at: current[0].start)
            case nil: break
            }
        }
        finishStatement()
        return statements
    }

    /// psql meta-commands that are no-ops for Strata, skipped with the rest of their line when they stand between
    /// statements: `\restrict KEY` and `\unrestrict KEY`, which pg_dump writes around its output since the
    /// August 2025 minor releases (they only stop psql from running meta-commands hidden in the dump's data).
    static let skippedMetaCommands: Set<String> = ["\\restrict", "\\unrestrict"]

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
