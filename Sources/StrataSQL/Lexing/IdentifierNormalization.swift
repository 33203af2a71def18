/// Turns the source text of identifiers into the names PostgreSQL sees.
enum IdentifierNormalization {
    /// ASCII letters lowercased, as PostgreSQL folds unquoted identifiers in UTF-8 databases.
    static func foldedWord(_ bytes: UnsafeBufferPointer<UInt8>, text: String) -> String {
        var hasUppercase = false
        for byte in bytes where byte >= 0x41 && byte <= 0x5A {
            hasUppercase = true
            break
        }
        guard hasUppercase else { return text }
        return String(unsafeUninitializedCapacity: bytes.count) { output in
            for (index, byte) in bytes.enumerated() {
                output[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            }
            return bytes.count
        }
    }

    /// The name inside `"…"` (with `""` → `"`) or `U&"…"` (with `\XXXX`, `\+XXXXXX` and `\\` decoded; a
    /// `UESCAPE` clause is not taken into account). An invalid escape leaves the name undecoded.
    static func unquotedIdentifier(_ text: String) -> String {
        let isUnicode = text.utf8.first.map { $0 | 0x20 == UInt8(ascii: "u") } ?? false
        let scalars = Array(text.unicodeScalars)
        let openingQuote = isUnicode ? 2 : 0
        guard scalars.count >= openingQuote + 2 else { return text }
        var name = String.UnicodeScalarView()
        var index = openingQuote + 1
        let closingQuote = scalars.count - 1
        while index < closingQuote {
            let scalar = scalars[index]
            name.append(scalar)
            index += scalar == "\"" && index + 1 < closingQuote && scalars[index + 1] == "\"" ? 2 : 1
        }
        guard isUnicode else { return String(name) }
        return decodeUnicodeEscapes(Array(name)).map { String($0) } ?? String(name)
    }

    /// Decodes PostgreSQL's Unicode escapes with `\` as escape character; nil when an escape is invalid.
    static func decodeUnicodeEscapes(_ scalars: [Unicode.Scalar]) -> String.UnicodeScalarView? {
        var output = String.UnicodeScalarView()
        var index = 0
        var pendingHighSurrogate: UInt32?
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "\\" else {
                guard pendingHighSurrogate == nil else { return nil }
                output.append(scalar)
                index += 1
                continue
            }
            if index + 1 < scalars.count, scalars[index + 1] == "\\" {
                guard pendingHighSurrogate == nil else { return nil }
                output.append("\\")
                index += 2
                continue
            }
            let isLong = index + 1 < scalars.count && scalars[index + 1] == "+"
            let digitsStart = index + (isLong ? 2 : 1)
            let digitCount = isLong ? 6 : 4
            guard digitsStart + digitCount <= scalars.count,
                let value = hexValue(scalars[digitsStart..<(digitsStart + digitCount)])
            else { return nil }
            index = digitsStart + digitCount
            if let high = pendingHighSurrogate {
                guard (0xDC00...0xDFFF).contains(value),
                    let combined = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00))
                else { return nil }
                output.append(combined)
                pendingHighSurrogate = nil
            } else if (0xD800...0xDBFF).contains(value) {
                pendingHighSurrogate = value
            } else if let decoded = Unicode.Scalar(value), value != 0 {
                output.append(decoded)
            } else {
                return nil
            }
        }
        return pendingHighSurrogate == nil ? output : nil
    }

    private static func hexValue(_ digits: ArraySlice<Unicode.Scalar>) -> UInt32? {
        var value: UInt32 = 0
        for digit in digits {
            guard digit.isASCII, let nibble = UInt32(String(digit), radix: 16) else { return nil }
            value = value << 4 | nibble
        }
        return value
    }
}
