import Foundation

/// The pieces of a TOML line that ``TOMLDocument`` reads: comments, keys and values.
enum TOMLScanner {
    /// The line without a `#` comment (a `#` inside a string stays).
    static func stripComment(_ line: String) -> String {
        var quote: Character?
        var escaping = false
        for (offset, character) in line.enumerated() {
            if escaping {
                escaping = false
                continue
            }
            if let open = quote {
                if character == "\\" && open == "\"" { escaping = true } else if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                return String(line.prefix(offset))
            }
        }
        return line
    }

    /// A bare key: letters, digits, `_` and `-`.
    static func isBareKey(_ key: String) -> Bool {
        !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }

    /// `a.b.c` (bare keys; spaces around dots allowed).
    static func dottedKey(_ text: String, location: FileLocation) throws(StrataError) -> [String] {
        let keys = text.split(separator: ".", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        for key in keys where !isBareKey(key) {
            throw StrataError(.configuration, "'\(text)' is not a valid table name", location: location)
        }
        return keys
    }

    /// A value: a string, a number, a boolean, or a one-line array of values.
    static func value(_ raw: String, location: FileLocation) throws(StrataError) -> TOMLDocument.Value {
        if raw.hasPrefix("[") {
            guard raw.hasSuffix("]") else {
                throw StrataError(.configuration, "an array must open and close on one line: [\"a\", \"b\"]", location: location)
            }
            var elements: [TOMLDocument.Value] = []
            for part in try splitArray(String(raw.dropFirst().dropLast()), location: location) {
                elements.append(try value(part, location: location))
            }
            return .array(elements)
        }
        if raw.hasPrefix("\"") || raw.hasPrefix("'") {
            return .string(try string(raw, location: location))
        }
        if raw == "true" || raw == "false" { return .boolean(raw == "true") }
        if Double(raw.replacingOccurrences(of: "_", with: "")) != nil { return .number(raw) }
        throw StrataError(
            .configuration, "cannot read the value '\(raw)'",
            location: location, hint: "write text in quotes (\"…\"), a number, true or false, or [\"a\", \"b\"]")
    }

    /// The elements of an array's inside, split at top-level commas (a trailing comma is allowed).
    private static func splitArray(_ inside: String, location: FileLocation) throws(StrataError) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        var escaping = false
        var depth = 0
        for character in inside {
            if escaping {
                current.append(character)
                escaping = false
                continue
            }
            if let open = quote {
                if character == "\\" && open == "\"" { escaping = true } else if character == open { quote = nil }
                current.append(character)
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "[": depth += 1
            case "]": depth -= 1
            case "," where depth == 0:
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        guard quote == nil else { throw StrataError(.configuration, "unterminated string in an array", location: location) }
        let last = current.trimmingCharacters(in: .whitespaces)
        if !last.isEmpty { parts.append(last) }
        if parts.contains(where: \.isEmpty) {
            throw StrataError(.configuration, "an array has an empty element", location: location)
        }
        return parts
    }

    /// The content of `"…"` (with `\n`, `\t`, `\"`, `\\` escapes) or `'…'` (literal).
    private static func string(_ raw: String, location: FileLocation) throws(StrataError) -> String {
        guard let open = raw.first, raw.count >= 2, raw.last == open else {
            throw StrataError(.configuration, "unterminated string", location: location)
        }
        let inside = raw.dropFirst().dropLast()
        guard open == "\"" else { return String(inside) }
        var result = ""
        var escaping = false
        for character in inside {
            if escaping {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
