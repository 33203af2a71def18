/// Quoted strings, quoted identifiers, dollar quotes, parameters and comments.
extension TokenRules {
    /// `'…'` with `''` for a quote; backslashes are ordinary characters.
    static func standardString(_ bytes: UnsafeBufferPointer<UInt8>, quoteAt quote: Int) -> ScanOutcome {
        quoted(bytes, quoteAt: quote, quote: ByteClass.singleQuote, backslashEscapes: false)
            .map { .token(.string, end: $0) } ?? .unterminated(.unterminatedString, delimiter: "'")
    }

    /// `E'…'`: `''` or `\'` for a quote, and a backslash escapes the character after it.
    static func extendedString(_ bytes: UnsafeBufferPointer<UInt8>, quoteAt quote: Int) -> ScanOutcome {
        quoted(bytes, quoteAt: quote, quote: ByteClass.singleQuote, backslashEscapes: true)
            .map { .token(.string, end: $0) } ?? .unterminated(.unterminatedString, delimiter: "'")
    }

    /// `"…"` with `""` for a double quote.
    static func quotedIdentifier(_ bytes: UnsafeBufferPointer<UInt8>, quoteAt quote: Int) -> ScanOutcome {
        quoted(bytes, quoteAt: quote, quote: ByteClass.doubleQuote, backslashEscapes: false)
            .map { .token(.quotedIdentifier, end: $0) }
            ?? .unterminated(.unterminatedQuotedIdentifier, delimiter: "\"")
    }

    /// The end (one past the closing quote) of a quoted token whose opening quote is at `quoteAt`, or nil.
    private static func quoted(
        _ bytes: UnsafeBufferPointer<UInt8>, quoteAt start: Int, quote: UInt8, backslashEscapes: Bool
    ) -> Int? {
        let count = bytes.count
        var index = start + 1
        while index < count {
            let byte = bytes[index]
            if byte == quote {
                if index + 1 < count, bytes[index + 1] == quote {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += backslashEscapes && byte == ByteClass.backslash ? 2 : 1
        }
        return nil
    }

    /// `$1` (a parameter), `$tag$…$tag$` / `$$…$$` (a dollar-quoted string), or a lone `$`.
    static func dollar(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> ScanOutcome {
        let count = bytes.count
        var index = start + 1
        if index < count, ByteClass.isDigit(bytes[index]) {
            while index < count, ByteClass.isDigit(bytes[index]) {
                index += 1
            }
            return .token(.parameter, end: index)
        }
        if index < count, ByteClass.isIdentifierStart(bytes[index]) {
            index += 1
            while index < count, ByteClass.isTagContinuation(bytes[index]) {
                index += 1
            }
        }
        guard index < count, bytes[index] == ByteClass.dollar else {
            return .token(.punctuation, end: start + 1)
        }
        let bodyStart = index + 1
        let delimiterLength = bodyStart - start
        var candidate = bodyStart
        while candidate + delimiterLength <= count {
            if bytes[candidate] == ByteClass.dollar, matches(bytes, at: candidate, delimiterAt: start, length: delimiterLength) {
                return .token(.dollarString, end: candidate + delimiterLength)
            }
            candidate += 1
        }
        let delimiter = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<bodyStart]), as: UTF8.self)
        return .unterminated(.unterminatedDollarString, delimiter: delimiter)
    }

    private static func matches(
        _ bytes: UnsafeBufferPointer<UInt8>, at candidate: Int, delimiterAt start: Int, length: Int
    ) -> Bool {
        for offset in 1..<length where bytes[candidate + offset] != bytes[start + offset] {
            return false
        }
        return true
    }

    /// `-- …` up to, not including, the line break.
    static func lineCommentEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start + 2
        while index < bytes.count, bytes[index] != ByteClass.newline, bytes[index] != ByteClass.carriageReturn {
            index += 1
        }
        return index
    }

    /// `/* … */`, where each inner `/*` needs its own `*/`.
    static func blockComment(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> ScanOutcome {
        let count = bytes.count
        var depth = 1
        var index = start + 2
        while index + 1 < count {
            let byte = bytes[index]
            let next = bytes[index + 1]
            if byte == ByteClass.slash, next == ByteClass.star {
                depth += 1
                index += 2
            } else if byte == ByteClass.star, next == ByteClass.slash {
                depth -= 1
                index += 2
                if depth == 0 {
                    return .token(.blockComment, end: index)
                }
            } else {
                index += 1
            }
        }
        return .unterminated(.unterminatedBlockComment, delimiter: "/*")
    }
}
