/// What one `strata import` does: the source, the target table, the mode and the mapping rules. Every field is
/// optional so a mapping file (`db/imports/NAME.toml`) and the command line can each give part of it;
/// ``overridden(by:)`` lays the flags over the file.
public struct ImportSettings: Sendable, Hashable {
    /// The file to load (`.json`, `.jsonl`, `.csv`, optionally `.gz`).
    public var file: String?
    /// The file's format, when its name does not tell.
    public var format: ImportSource.Format?
    /// In a JSON object of arrays, the member to load.
    public var member: String?
    /// A key-value table to read instead of a file.
    public var fromKeyValue: String?
    /// With ``fromKeyValue``: the key prefix to load.
    public var prefix: String?
    /// The table to load into (`TABLE` or `SCHEMA.TABLE`).
    public var into: String?
    /// insert, upsert or replace.
    public var mode: ImportMode?
    /// Key → column renames.
    public var renames: [String: String] = [:]
    /// The jsonb column that keeps keys with no column of their own.
    public var extraColumn: String?
    /// Bad records allowed while the rest loads.
    public var maxErrors: Int?
    /// Where bad records are written (JSON Lines).
    public var rejects: String?
    /// Records per committed chunk.
    public var chunkRows: Int?
    /// True: all or nothing in one transaction; false: chunked even when small; `nil`: the default policy.
    public var singleTransaction: Bool?

    /// Creates settings.
    public init(
        file: String? = nil, format: ImportSource.Format? = nil, member: String? = nil, fromKeyValue: String? = nil,
        prefix: String? = nil, into: String? = nil, mode: ImportMode? = nil, renames: [String: String] = [:],
        extraColumn: String? = nil, maxErrors: Int? = nil, rejects: String? = nil, chunkRows: Int? = nil,
        singleTransaction: Bool? = nil
    ) {
        self.file = file
        self.format = format
        self.member = member
        self.fromKeyValue = fromKeyValue
        self.prefix = prefix
        self.into = into
        self.mode = mode
        self.renames = renames
        self.extraColumn = extraColumn
        self.maxErrors = maxErrors
        self.rejects = rejects
        self.chunkRows = chunkRows
        self.singleTransaction = singleTransaction
    }

    /// These settings with every field `flags` gives replacing this one (renames merge, the flag's winning).
    /// A file given by flag drops the file's `from_kv`, and `--from-kv` drops its `file`; `--single-transaction`
    /// drops the file's `chunk_rows`, and `--chunk-rows` its `single_transaction`.
    public func overridden(by flags: ImportSettings) -> ImportSettings {
        var result = self
        if let file = flags.file {
            result.file = file
            result.fromKeyValue = nil
        }
        if let table = flags.fromKeyValue {
            result.fromKeyValue = table
            result.file = nil
        }
        result.format = flags.format ?? format
        result.member = flags.member ?? member
        result.prefix = flags.prefix ?? prefix
        result.into = flags.into ?? into
        result.mode = flags.mode ?? mode
        result.renames.merge(flags.renames) { $1 }
        result.extraColumn = flags.extraColumn ?? extraColumn
        result.maxErrors = flags.maxErrors ?? maxErrors
        result.rejects = flags.rejects ?? rejects
        result.chunkRows = flags.chunkRows ?? chunkRows
        result.singleTransaction = flags.singleTransaction ?? singleTransaction
        // A flag choosing how to commit replaces the file's choice rather than contradicting it.
        if flags.singleTransaction == true && flags.chunkRows == nil { result.chunkRows = nil }
        if flags.chunkRows != nil && flags.singleTransaction == nil { result.singleTransaction = nil }
        return result
    }

    /// What decides which rows a job loads, as mapping-file text with keys in a fixed order: the source, table,
    /// mode and mapping (not max_errors, rejects or chunk size, which may change between runs of one job). A
    /// job resumes only when this text, and its input, are the same.
    public var definition: String {
        var lines: [String] = []
        func add(_ key: String, _ value: String?) {
            if let value { lines.append("\(key) = \(JSONStringLiteral.of(value))") }
        }
        add("file", file)
        add("from_kv", fromKeyValue)
        add("prefix", fromKeyValue == nil ? nil : prefix ?? "")
        add("format", format?.rawValue)
        add("key", member)
        add("into", into)
        add("mode", (mode ?? .insert).rawValue)
        add("extra_column", extraColumn)
        if !renames.isEmpty {
            lines.append("[columns]")
            for key in renames.keys.sorted() { lines.append("\(key) = \(JSONStringLiteral.of(renames[key] ?? ""))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
