/// Byte predicates of PostgreSQL's lexer, applied to UTF-8 bytes.
///
/// Every byte of a multi-byte UTF-8 sequence (>= 0x80) counts as a letter, as in PostgreSQL, so identifiers
/// in any script are single words.
enum ByteClass {
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let verticalTab: UInt8 = 0x0B
    static let formFeed: UInt8 = 0x0C
    static let carriageReturn: UInt8 = 0x0D
    static let singleQuote = UInt8(ascii: "'")
    static let doubleQuote = UInt8(ascii: "\"")
    static let dollar = UInt8(ascii: "$")
    static let backslash = UInt8(ascii: "\\")
    static let semicolon = UInt8(ascii: ";")
    static let dot = UInt8(ascii: ".")
    static let colon = UInt8(ascii: ":")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let slash = UInt8(ascii: "/")
    static let star = UInt8(ascii: "*")
    static let underscore = UInt8(ascii: "_")
    static let ampersand = UInt8(ascii: "&")
    static let equals = UInt8(ascii: "=")

    /// Space, tab, line feed, carriage return, form feed, vertical tab.
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || (byte >= tab && byte <= carriageReturn)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inline(__always)
    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
    }

    @inline(__always)
    static func isASCIILetter(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A }

    /// First byte of an identifier or of a dollar-quote tag: a letter, `_` or a non-ASCII byte.
    @inline(__always)
    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || byte == underscore || byte >= 0x80
    }

    /// Later byte of a dollar-quote tag: an identifier start or a digit.
    @inline(__always)
    static func isTagContinuation(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }

    /// Later byte of an identifier: a tag continuation or `$`.
    @inline(__always)
    static func isIdentifierContinuation(_ byte: UInt8) -> Bool { isTagContinuation(byte) || byte == dollar }

    /// A character that may be part of an operator: `~ ! @ # ^ & | ? + - * / % < > =` and the backtick.
    @inline(__always)
    static func isOperatorCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "~"), UInt8(ascii: "!"), UInt8(ascii: "@"), UInt8(ascii: "#"), UInt8(ascii: "^"),
            UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "`"), UInt8(ascii: "?"), UInt8(ascii: "+"),
            UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }

    /// Operator characters that keep a trailing `+`/`-` in a multi-character operator (PostgreSQL's rule that
    /// lets `a=-1` mean `a = -1` while `@-` stays one operator).
    @inline(__always)
    static func keepsTrailingSign(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "~"), UInt8(ascii: "!"), UInt8(ascii: "@"), UInt8(ascii: "#"), UInt8(ascii: "^"),
            UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "`"), UInt8(ascii: "?"), UInt8(ascii: "%"):
            return true
        default:
            return false
        }
    }

    /// Single-character punctuation of SQL: `( ) [ ] , ; . :`.
    @inline(__always)
    static func isPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","),
            semicolon, dot, colon:
            return true
        default:
            return false
        }
    }
}
