import Foundation

/// Reads an import file into records: a JSON array, a JSON object whose member `key` is an array (as in a
/// key-value export), JSON Lines (one object per line; a malformed line is a bad record), or CSV with a header
/// (RFC 4180: quoted fields with `""`, line breaks inside quotes; an unquoted empty field is NULL, `""` is an
/// empty string).
public enum ImportSource {
    /// The source formats.
    public enum Format: String, Sendable, CaseIterable {
        /// A JSON array of objects, or an object of arrays.
        case json
        /// One JSON object per line.
        case jsonl
        /// CSV with a header line.
        case csv

        /// The format a file name suggests (`.json`, `.jsonl`/`.ndjson`, `.csv`).
        public static func guess(path: String) -> Format? {
            let lower = path.lowercased()
            if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonl }
            if lower.hasSuffix(".json") { return .json }
            if lower.hasSuffix(".csv") { return .csv }
            return nil
        }
    }

    /// The records of `bytes` (from `path`), and the bad ones found while reading.
    public static func read(
        _ bytes: [UInt8], path: String, format: Format, key: String?
    ) throws(StrataError) -> (records: [ImportRecord], rejects: [ImportReject]) {
        switch format {
        case .json: return (try json(bytes, path: path, key: key), [])
        case .jsonl: return jsonLines(bytes, path: path)
        case .csv: return (try csv(bytes, path: path), [])
        }
    }

    static func record(_ value: JSONValue, location: String) -> ImportRecord? {
        guard case .object(let members) = value else { return nil }
        return ImportRecord(location: location, fields: members.map { ($0.0, $0.1.columnText) })
    }

    static func json(_ bytes: [UInt8], path: String, key: String?) throws(StrataError) -> [ImportRecord] {
        var scanner = JSONScanner(bytes)
        func fail(_ failure: JSONScanner.Failure) -> StrataError {
            StrataError(.usage, "\(path) is not valid JSON: \(failure.message)", location: FileLocation(path: path, line: failure.line))
        }
        do throws(JSONScanner.Failure) {
            scanner.skipWhitespace()
            if scanner.current == UInt8(ascii: "{") {
                scanner.index += 1
                var found: [ImportRecord]?
                var keys: [String] = []
                scanner.skipWhitespace()
                if scanner.current == UInt8(ascii: "}") { scanner.index += 1 } else {
                    while true {
                        scanner.skipWhitespace()
                        guard scanner.current == UInt8(ascii: "\"") else { throw JSONScanner.Failure(line: scanner.line, message: "expected a key string") }
                        let member = try scanner.string()
                        keys.append(member)
                        try scanner.expect(UInt8(ascii: ":"), "':'")
                        scanner.skipWhitespace()
                        if member == key, scanner.current == UInt8(ascii: "[") {
                            found = try array(&scanner, path: path)
                        } else {
                            _ = try scanner.value()
                        }
                        scanner.skipWhitespace()
                        if scanner.current == UInt8(ascii: ",") { scanner.index += 1; continue }
                        try scanner.expect(UInt8(ascii: "}"), "',' or '}'")
                        break
                    }
                }
                guard let found else {
                    throw JSONScanner.Failure(
                        line: 1, message: "an object without an array member '\(key ?? "")' (members: \(keys.joined(separator: ", ")); choose one with --key)")
                }
                return found
            }
            guard scanner.current == UInt8(ascii: "[") else {
                throw JSONScanner.Failure(line: scanner.line, message: "expected an array of objects, or an object of arrays")
            }
            let records = try array(&scanner, path: path)
            scanner.skipWhitespace()
            guard scanner.atEnd else { throw JSONScanner.Failure(line: scanner.line, message: "text after the end of the JSON") }
            return records
        } catch {
            throw fail(error)
        }
    }

    /// The objects of the array at the scanner, each with the line it starts on.
    static func array(_ scanner: inout JSONScanner, path: String) throws(JSONScanner.Failure) -> [ImportRecord] {
        scanner.index += 1
        var records: [ImportRecord] = []
        scanner.skipWhitespace()
        if scanner.current == UInt8(ascii: "]") {
            scanner.index += 1
            return records
        }
        while true {
            scanner.skipWhitespace()
            let line = scanner.line
            let start = scanner.index
            let value = try scanner.value()
            guard var record = record(value, location: "\(path):\(line)") else {
                throw JSONScanner.Failure(line: line, message: "an array element is not an object")
            }
            record.offset = start
            records.append(record)
            scanner.skipWhitespace()
            if scanner.current == UInt8(ascii: ",") { scanner.index += 1; continue }
            try scanner.expect(UInt8(ascii: "]"), "',' or ']'")
            return records
        }
    }

    static func jsonLines(_ bytes: [UInt8], path: String) -> (records: [ImportRecord], rejects: [ImportReject]) {
        var records: [ImportRecord] = []
        var rejects: [ImportReject] = []
        for (offset, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let text = Array(line)
            let location = "\(path):\(offset + 1)"
            guard text.contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) else { continue }
            switch jsonLine(text, location: location) {
            case .success(var record):
                record.offset = line.startIndex
                records.append(record)
            case .failure(let reject): rejects.append(reject)
            }
        }
        return (records, rejects)
    }

    static func csv(_ bytes: [UInt8], path: String) throws(StrataError) -> [ImportRecord] {
        var rows: [(line: Int, offset: Int, fields: [String?])] = []
        var rowOffset = 0
        var fields: [String?] = []
        var field: [UInt8] = []
        var quoted = false
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var index = 0
        func endField() {
            fields.append(field.isEmpty && !quoted ? nil : String(decoding: field, as: UTF8.self))
            field.removeAll()
            quoted = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inQuotes = true
                quoted = true
            case UInt8(ascii: ","):
                endField()
            case 0x0D where index + 1 < bytes.count && bytes[index + 1] == 0x0A:
                break
            case 0x0A:
                endField()
                if !(fields.count == 1 && fields[0] == nil) { rows.append((rowLine, rowOffset, fields)) }
                fields.removeAll()
                line += 1
                rowLine = line
                rowOffset = index + 1
            default:
                field.append(byte)
            }
            index += 1
        }
        if inQuotes {
            throw StrataError(.usage, "\(path): a quoted CSV field is never closed", location: FileLocation(path: path, line: rowLine))
        }
        if !field.isEmpty || quoted || !fields.isEmpty {
            endField()
            rows.append((rowLine, rowOffset, fields))
        }
        guard let header = rows.first else { return [] }
        let names = header.fields.map { $0 ?? "" }
        var records: [ImportRecord] = []
        for row in rows.dropFirst() {
            guard row.fields.count == names.count else {
                throw StrataError(
                    .usage, "\(path):\(row.line): \(row.fields.count) fields where the header has \(names.count)",
                    location: FileLocation(path: path, line: row.line))
            }
            records.append(ImportRecord(
                location: "\(path):\(row.line)", fields: Array(zip(names, row.fields)).map { ($0.0, $0.1) }, offset: row.offset))
        }
        return records
    }
}

extension ImportSource {
    /// One line of JSON Lines (without its line feed) as a record at `location`, or a reject naming why it is
    /// not a JSON object.
    public static func jsonLine(_ text: [UInt8], location: String) -> Result<ImportRecord, ImportReject> {
        var scanner = JSONScanner(text)
        do throws(JSONScanner.Failure) {
            let value = try scanner.value()
            scanner.skipWhitespace()
            guard scanner.atEnd else { throw JSONScanner.Failure(line: 1, message: "text after the JSON value") }
            guard let record = record(value, location: location) else {
                throw JSONScanner.Failure(line: 1, message: "the line is not a JSON object")
            }
            return .success(record)
        } catch {
            return .failure(ImportReject(
                location: location, reason: "malformed JSON: \(error.message)", text: String(decoding: text, as: UTF8.self)))
        }
    }

    /// One JSON object (the value of a key-value row) as a record at `location`; `idFromKey` is added as `id`
    /// when the object has no `id` member.
    public static func object(_ text: String, location: String, idFromKey: String?) -> Result<ImportRecord, ImportReject> {
        var scanner = JSONScanner(Array(text.utf8))
        do throws(JSONScanner.Failure) {
            let value = try scanner.value()
            guard var record = record(value, location: location) else {
                return .failure(ImportReject(location: location, reason: "the value is not a JSON object", text: text))
            }
            if let idFromKey, !record.fields.contains(where: { $0.key == "id" }) {
                record.fields.insert(("id", idFromKey), at: 0)
            }
            return .success(record)
        } catch {
            return .failure(ImportReject(location: location, reason: "malformed JSON: \(error.message)", text: text))
        }
    }
}
