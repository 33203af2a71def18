import Crypto
import Foundation

/// The checksum Strata records for a migration file: SHA-256 of its text with a UTF-8 byte-order mark removed and
/// CRLF line endings turned into LF, in lowercase hex. A Windows checkout therefore validates against a Unix one.
public enum Checksum {
    /// The checksum of a file's bytes.
    public static func of(_ bytes: [UInt8]) -> String {
        let normalized = normalize(bytes)
        let digest = SHA256.hash(data: normalized)
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The checksum of a text.
    public static func of(_ text: String) -> String { of(Array(text.utf8)) }

    /// The bytes with a leading UTF-8 BOM removed and every CR that precedes an LF dropped.
    public static func normalize(_ bytes: [UInt8]) -> [UInt8] {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
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
