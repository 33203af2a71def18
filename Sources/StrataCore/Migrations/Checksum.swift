import Crypto
import Foundation

/// The checksum Strata records for a migration file: SHA-256 of its text with a UTF-8 byte-order mark removed and
/// CRLF line endings turned into LF, in lowercase hex. A Windows checkout therefore validates against a Unix one.
public enum Checksum {
    /// The checksum of a file's bytes.
    public static func of(_ bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: normalize(bytes))
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The checksum of a text.
    public static func of(_ text: String) -> String { of(Array(text.utf8)) }

    /// The bytes with a leading UTF-8 BOM removed and every CR that precedes an LF dropped.
    public static func normalize(_ bytes: [UInt8]) -> [UInt8] {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        // Most files have neither: no copy.
        if start == 0, !bytes.contains(0x0D) { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count - start)
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                index += 1
                continue
            }
            output.append(byte)
            index += 1
        }
        return output
    }
}
