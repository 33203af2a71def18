/// Turning the bytes of a SQL file into text.
public enum SQLText {
    /// The text of `bytes`, which must be valid UTF-8 (a byte order mark is kept; the lexer treats it as
    /// whitespace). Throws `.invalidUTF8` at the first byte that is not part of a valid UTF-8 sequence, with its
    /// byte offset, line and column.
    public static func decode(_ bytes: [UInt8]) throws(SQLSyntaxError) -> String {
        guard let invalid = firstInvalidOffset(bytes) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        let prefix = String(decoding: bytes[..<invalid], as: UTF8.self)
        let position = LineIndex(prefix).position(ofOffset: invalid)
        let hex = String(bytes[invalid], radix: 16, uppercase: true)
        throw SQLSyntaxError(
            kind: .invalidUTF8, position: position,
            message: "invalid UTF-8 at byte offset \(invalid) (byte 0x\(hex.count == 1 ? "0" : "")\(hex)): "
                + "SQL files must be encoded in UTF-8")
    }

    /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence, or nil.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            var length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            guard index + length <= count, (low...high).contains(bytes[index + 1]) else { return index }
            for continuation in (index + 2)..<(index + length) where bytes[continuation] & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }
}
