import Foundation

/// A mapping file, `db/imports/NAME.toml`: what `strata import NAME` loads, with the same settings as the flags.
///
/// ```toml
/// file = "exports/kv_export.json"   # or from_kv = "kv_store" with prefix = "concert:"
/// format = "json"                   # json | jsonl | csv (default: from the file name)
/// key = "concerts"                  # the member of a JSON object of arrays
/// into = "concerts"
/// mode = "upsert"                   # insert | upsert | replace
/// extra_column = "extra"
/// max_errors = 10
/// rejects = "rejects.jsonl"
/// chunk_rows = 50000
/// single_transaction = false
///
/// [columns]                         # key = "column" renames (as --map key=column)
/// userId = "user_id"
/// ```
///
/// Every error names the file and line.
public enum ImportMappingFile {
    /// The folder `strata import NAME` looks in.
    public static let defaultDirectory = "db/imports"

    /// The keys a mapping file may hold at its top level.
    public static let knownKeys = [
        "file", "format", "key", "from_kv", "prefix", "into", "mode", "extra_column", "max_errors", "rejects",
        "chunk_rows", "single_transaction", "columns",
    ]

    /// `db/imports/NAME.toml` under `directory`.
    public static func path(name: String, directory: String = defaultDirectory) -> String {
        directory + "/" + name + ".toml"
    }

    /// Reads and checks the mapping file at `path`.
    public static func load(path: String) throws(StrataError) -> ImportSettings {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw StrataError(
                .usage, "cannot read the mapping file \(path)", detail: "\(error)",
                hint: "strata import NAME reads db/imports/NAME.toml; --mapping PATH names another file")
        }
        return try parse(text, path: path)
    }

    /// Parses the text of a mapping file read from `path`.
    public static func parse(_ text: String, path: String) throws(StrataError) -> ImportSettings {
        let document: TOMLDocument
        do throws(StrataError) {
            document = try TOMLDocument.parse(text, path: path)
        } catch {
            var refused = error
            refused.code = .usage
            throw refused
        }
        let root = document.root
        func location(_ key: String) -> FileLocation { FileLocation(path: path, line: root.lines[key] ?? 1) }
        func fail(_ key: String, _ message: String, hint: String? = nil) -> StrataError {
            StrataError(.usage, message, location: location(key), hint: hint)
        }
        for key in root.keys where !knownKeys.contains(key) {
            throw fail(key, "unknown key '\(key)' in an import mapping", hint: "known keys: " + knownKeys.joined(separator: ", "))
        }
        func string(_ key: String) throws(StrataError) -> String? {
            guard let value = root[key] else { return nil }
            guard let string = value.string, !string.isEmpty else { throw fail(key, "\(key) must be a non-empty string, like \(key) = \"…\"") }
            return string
        }
        func count(_ key: String, minimum: Int) throws(StrataError) -> Int? {
            guard let value = root[key] else { return nil }
            guard case .number(let written) = value, let number = Int(written.replacingOccurrences(of: "_", with: "")), number >= minimum else {
                throw fail(key, "\(key) must be a whole number of at least \(minimum)")
            }
            return number
        }
        var settings = ImportSettings()
        settings.file = try string("file")
        settings.fromKeyValue = try string("from_kv")
        if settings.file != nil && settings.fromKeyValue != nil {
            throw fail("from_kv", "a mapping reads a file or a key-value table (from_kv), not both")
        }
        if let value = root["prefix"] {
            guard let prefix = value.string else { throw fail("prefix", "prefix must be a string, like prefix = \"concert:\"") }
            settings.prefix = prefix
        }
        if let format = try string("format") {
            guard let parsed = ImportSource.Format(rawValue: format) else { throw fail("format", "format must be json, jsonl or csv, not '\(format)'") }
            settings.format = parsed
        }
        settings.member = try string("key")
        settings.into = try string("into")
        if let mode = try string("mode") {
            guard let parsed = ImportMode(rawValue: mode) else { throw fail("mode", "mode must be insert, upsert or replace, not '\(mode)'") }
            settings.mode = parsed
        }
        settings.extraColumn = try string("extra_column")
        settings.maxErrors = try count("max_errors", minimum: 0)
        settings.rejects = try string("rejects")
        settings.chunkRows = try count("chunk_rows", minimum: 1)
        if let value = root["single_transaction"] {
            guard case .boolean(let flag) = value else { throw fail("single_transaction", "single_transaction must be true or false") }
            settings.singleTransaction = flag
        }
        if let value = root["columns"] {
            guard let table = value.table else { throw fail("columns", "columns must be a [columns] table of key = \"column\"") }
            for key in table.keys {
                guard let column = table[key]?.string, !column.isEmpty else {
                    throw StrataError(
                        .usage, "the column for key '\(key)' must be a non-empty string, like \(key) = \"column_name\"",
                        location: FileLocation(path: path, line: table.lines[key] ?? table.line))
                }
                settings.renames[key] = column
            }
        }
        return settings
    }
}
