/// Flyway's checksum of a migration file: CRC-32 over the UTF-8 bytes of each line without its line ending (and
/// without a leading byte-order mark), as a signed 32-bit integer. Strata uses it when adopting a Flyway history to
/// tell whether a file changed since Flyway applied it.
public enum FlywayChecksum {
    /// The checksum of a file's text.
    public static func of(_ text: String) -> Int32 {
        var crc: UInt32 = 0xFFFF_FFFF
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        var previousWasCR = false
        for byte in body.utf8 {
            if byte == 0x0A || byte == 0x0D {
                if byte == 0x0A && previousWasCR { previousWasCR = false; continue }
                previousWasCR = byte == 0x0D
                continue
            }
            previousWasCR = false
            crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return Int32(bitPattern: crc ^ 0xFFFF_FFFF)
    }

    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }
}
