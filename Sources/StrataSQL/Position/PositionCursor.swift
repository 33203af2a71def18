/// Walks forward over UTF-8 bytes keeping line and column up to date.
///
/// Every position in this module comes from this one set of rules, so the lexer, `LineIndex` and the
/// server-position mapping always agree:
/// - `\n` ends a line; `\r\n` ends one line; a lone `\r` ends a line too.
/// - every byte that starts a Unicode scalar (not a continuation byte `10xxxxxx`) is one column;
/// - a byte order mark at the very start of the text (absolute offset 0) takes no column.
struct PositionCursor {
    /// Where the cursor stands.
    private(set) var position: SourcePosition
    /// Absolute offset of `bytes[0]`.
    let baseOffset: Int

    /// A cursor at `origin`, which is where `bytes[0]` lies in the whole text.
    init(origin: SourcePosition) {
        position = origin
        baseOffset = origin.offset
    }

    /// A cursor standing at `position`, a place already known to be consistent with the text, where
    /// `bytes[0]` lies at absolute offset `baseOffset`.
    init(baseOffset: Int, position: SourcePosition) {
        self.baseOffset = baseOffset
        self.position = position
    }

    /// Moves the cursor from its current place to the local byte index `end` of `bytes`.
    mutating func advance(over bytes: UnsafeBufferPointer<UInt8>, to end: Int) {
        var index = position.offset - baseOffset
        var line = position.line
        var column = position.column
        let count = bytes.count
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte == 0x0D {
                if index + 1 < count, bytes[index + 1] == 0x0A {
                    // The `\n` that follows ends the line.
                } else {
                    line += 1
                    column = 1
                }
            } else if byte & 0xC0 != 0x80 {
                if !(byte == 0xEF && index + baseOffset == 0 && Self.hasByteOrderMark(bytes, at: index)) {
                    column += 1
                }
            }
            index += 1
        }
        position = SourcePosition(offset: baseOffset + end, line: line, column: column)
    }

    /// Whether `bytes[index...]` starts with the UTF-8 byte order mark EF BB BF.
    static func hasByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + 2 < bytes.count && bytes[index] == 0xEF && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF
    }
}
