/// Where a token that starts at a given byte ends, or why it never ends.
enum ScanOutcome {
    /// A complete token of `kind` ending before local byte index `end`.
    case token(TokenKind, end: Int)
    /// A quoted token or comment that runs to the end of the text without being closed.
    case unterminated(SQLSyntaxError.Kind, delimiter: String)
}

/// PostgreSQL's lexical rules over UTF-8 bytes (with `standard_conforming_strings = on`, the default since 9.1).
///
/// Each function looks at the bytes from a token's first byte and returns where the token ends; none of them
/// allocates except to describe an unterminated dollar quote.
enum TokenRules {
    /// Scans the token that starts at `start`. `textStart` is true when `bytes[0]` is the first byte of the whole
    /// text, where a byte order mark is whitespace.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, textStart: Bool) -> ScanOutcome {
        let count = bytes.count
        let first = bytes[start]
        let second: UInt8 = start + 1 < count ? bytes[start + 1] : 0
        if ByteClass.isWhitespace(first)
            || (textStart && start == 0 && PositionCursor.hasByteOrderMark(bytes, at: 0))
        {
            return .token(.whitespace, end: whitespaceEnd(bytes, from: start, textStart: textStart))
        }
        switch first {
        case ByteClass.minus where second == ByteClass.minus:
            return .token(.lineComment, end: lineCommentEnd(bytes, from: start))
        case ByteClass.slash where second == ByteClass.star:
            return blockComment(bytes, from: start)
        case ByteClass.singleQuote:
            return standardString(bytes, quoteAt: start)
        case ByteClass.doubleQuote:
            return quotedIdentifier(bytes, quoteAt: start)
        case ByteClass.dollar:
            return dollar(bytes, at: start)
        case ByteClass.colon where second == ByteClass.colon || second == ByteClass.equals:
            return .token(.operator, end: start + 2)
        default:
            break
        }
        if ByteClass.isDigit(first) || (first == ByteClass.dot && ByteClass.isDigit(second)) {
            return .token(.number, end: numberEnd(bytes, from: start))
        }
        if ByteClass.isIdentifierStart(first) {
            if let prefixed = prefixedLiteral(bytes, at: start, second: second) {
                return prefixed
            }
            var index = start + 1
            while index < count, ByteClass.isIdentifierContinuation(bytes[index]) {
                index += 1
            }
            return .token(.word, end: index)
        }
        if ByteClass.isOperatorCharacter(first) {
            return .token(.operator, end: operatorEnd(bytes, from: start))
        }
        return .token(.punctuation, end: start + 1)
    }

    /// `E'…'`, `B'…'`, `X'…'`, `N'…'`, `U&'…'` and `U&"…"` (letters in either case), or nil for a plain word.
    private static func prefixedLiteral(
        _ bytes: UnsafeBufferPointer<UInt8>, at start: Int, second: UInt8
    ) -> ScanOutcome? {
        let letter = bytes[start] | 0x20
        if second == ByteClass.singleQuote {
            switch letter {
            case UInt8(ascii: "e"):
                return extendedString(bytes, quoteAt: start + 1)
            case UInt8(ascii: "b"), UInt8(ascii: "x"), UInt8(ascii: "n"):
                return standardString(bytes, quoteAt: start + 1)
            default:
                return nil
            }
        }
        if letter == UInt8(ascii: "u"), second == ByteClass.ampersand, start + 2 < bytes.count {
            switch bytes[start + 2] {
            case ByteClass.singleQuote:
                return standardString(bytes, quoteAt: start + 2)
            case ByteClass.doubleQuote:
                return quotedIdentifier(bytes, quoteAt: start + 2)
            default:
                return nil
            }
        }
        return nil
    }

    private static func whitespaceEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, textStart: Bool) -> Int {
        var index = start
        if textStart, index == 0, PositionCursor.hasByteOrderMark(bytes, at: 0) {
            index = 3
        }
        while index < bytes.count, ByteClass.isWhitespace(bytes[index]) {
            index += 1
        }
        return index
    }

    /// `42`, `1_000`, `3.14`, `.5`, `1.`, `1e10`, `2.5E-3`, `0x1F`, `0o17`, `0b101`. `1..2` stops before `..`.
    private static func numberEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let count = bytes.count
        if bytes[start] == UInt8(ascii: "0"), start + 2 < count {
            let isDigitOfBase: ((UInt8) -> Bool)?
            switch bytes[start + 1] | 0x20 {
            case UInt8(ascii: "x"): isDigitOfBase = ByteClass.isHexDigit
            case UInt8(ascii: "o"): isDigitOfBase = { $0 >= 0x30 && $0 <= 0x37 }
            case UInt8(ascii: "b"): isDigitOfBase = { $0 == 0x30 || $0 == 0x31 }
            default: isDigitOfBase = nil
            }
            if let isDigitOfBase, isDigitOfBase(bytes[start + 2]) {
                return digitsEnd(bytes, from: start + 2, isDigit: isDigitOfBase)
            }
        }
        var index = digitsEnd(bytes, from: start, isDigit: ByteClass.isDigit)
        if index < count, bytes[index] == ByteClass.dot, !(index + 1 < count && bytes[index + 1] == ByteClass.dot) {
            index = digitsEnd(bytes, from: index + 1, isDigit: ByteClass.isDigit)
        }
        if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            var exponent = index + 1
            if exponent < count, bytes[exponent] == ByteClass.plus || bytes[exponent] == ByteClass.minus {
                exponent += 1
            }
            if exponent < count, ByteClass.isDigit(bytes[exponent]) {
                index = digitsEnd(bytes, from: exponent, isDigit: ByteClass.isDigit)
            }
        }
        return index
    }

    /// Digits with single underscores between them.
    private static func digitsEnd(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, isDigit: (UInt8) -> Bool
    ) -> Int {
        var index = start
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if isDigit(byte) {
                index += 1
            } else if byte == ByteClass.underscore, index > start, index + 1 < count, isDigit(bytes[index + 1]) {
                index += 1
            } else {
                break
            }
        }
        return index
    }

    /// A run of operator characters, cut before an embedded `--` or `/*`, without trailing `+`/`-` unless the
    /// operator contains one of `~ ! @ # ^ & | ? %` or the backtick (so `=-1` is `=` then `-1`, while `@-` stays whole).
    private static func operatorEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let count = bytes.count
        var index = start
        while index < count, ByteClass.isOperatorCharacter(bytes[index]) {
            if index > start, index + 1 < count {
                let byte = bytes[index]
                let next = bytes[index + 1]
                if (byte == ByteClass.minus && next == ByteClass.minus)
                    || (byte == ByteClass.slash && next == ByteClass.star)
                {
                    break
                }
            }
            index += 1
        }
        var end = index
        if end - start > 1 {
            var keepsSign = false
            for position in start..<end where ByteClass.keepsTrailingSign(bytes[position]) {
                keepsSign = true
                break
            }
            if !keepsSign {
                while end - start > 1, bytes[end - 1] == ByteClass.plus || bytes[end - 1] == ByteClass.minus {
                    end -= 1
                }
            }
        }
        return end
    }
}
