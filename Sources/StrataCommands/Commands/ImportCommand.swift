import ArgumentParser
import Foundation
import StrataCore
import StrataPostgres

/// `strata import FILE --into TABLE`, `strata import NAME` (the mapping file `db/imports/NAME.toml`), or
/// `strata import --from-kv TABLE --prefix concert: --into concerts`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load a JSON, JSON Lines or CSV export (or a key-value table) into a table through COPY.",
        discussion: """
            strata import NAME reads the mapping file db/imports/NAME.toml (or --mapping PATH): the same settings \
            as the flags (file, format, key, from_kv, prefix, into, mode, extra_column, max_errors, rejects, \
            chunk_rows, single_transaction, and [columns] key = "column"); flags override the file.

            Keys become columns: --map key=column first, then the key itself, then its snake_case (userId → \
            user_id). A key with no column makes its record bad, unless --extra-column names a jsonb column that \
            keeps such keys. Values are converted by PostgreSQL. Modes: insert (a duplicate key is a bad record), \
            upsert (staging table and INSERT … ON CONFLICT, changing only rows that differ: a rerun changes \
            nothing), replace (TRUNCATE first). A bad record is reported as file:line (or 'TABLE key') with the \
            SQLSTATE; with --max-errors N up to N go to --rejects PATH (JSON Lines) while the rest loads.

            Commits: an input of more than --chunk-rows records (default 50,000) is loaded in chunks, each \
            committed with the job's checkpoint in strata.jobs; after a crash, kill -9 or Ctrl-C, the same import \
            (or 'strata jobs resume ID') continues at the next chunk and never loads a chunk twice. A smaller \
            input, --mode replace and --single-transaction run in one transaction: all or nothing.

            Exit codes: 0 loaded, 1 more bad records than --max-errors (nothing loaded in one transaction; the \
            chunks before the failing one stay when chunked), 2 usage, an unreadable or malformed file or \
            mapping file (file:line), a missing table, 3 connection, 5 the job is running in another process, \
            130 interrupted (resumable).
            """)

    @Argument(help: "The file to load (.json, .jsonl, .csv; gzip-compressed too, e.g. .jsonl.gz), or NAME of db/imports/NAME.toml.")
    var file: String?

    @Option(help: ArgumentHelp("A mapping file to read the settings from (default for NAME: db/imports/NAME.toml).", valueName: "path"))
    var mapping: String?

    @Option(help: ArgumentHelp("The table to load into (TABLE or SCHEMA.TABLE; quoted as given).", valueName: "table"))
    var into: String?

    @Option(help: ArgumentHelp("json, jsonl or csv (default: from the file name).", valueName: "format"))
    var format: String?

    @Option(help: ArgumentHelp("In a JSON object of arrays, the member to load (default: the table's name).", valueName: "member"))
    var key: String?

    @Option(name: .customLong("from-kv"), help: ArgumentHelp("Read a key-value table (key text, value jsonb) instead of a file.", valueName: "table"))
    var fromKeyValue: String?

    @Option(help: ArgumentHelp("With --from-kv: the key prefix to load, e.g. concert: (the rest of the key is the id when the value has none).", valueName: "prefix"))
    var prefix: String?

    @Option(name: .customLong("map"), help: ArgumentHelp("Rename a key: key=column (repeatable).", valueName: "key=column"))
    var renames: [String] = []

    @Option(name: .customLong("extra-column"), help: ArgumentHelp("A jsonb column that keeps keys with no column of their own.", valueName: "column"))
    var extraColumn: String?

    @Option(help: ArgumentHelp("insert (default), upsert or replace.", valueName: "mode"))
    var mode: String?

    @Option(name: .customLong("max-errors"), help: ArgumentHelp("Bad records allowed while the rest loads (default: 0).", valueName: "count"))
    var maxErrors: Int?

    @Option(help: ArgumentHelp("Write bad records here, as JSON Lines with location, sqlstate and reason.", valueName: "path"))
    var rejects: String?

    @Option(name: .customLong("chunk-rows"), help: ArgumentHelp(
        "Records per committed chunk (default: 50,000; a smaller input runs in one transaction).", valueName: "count"))
    var chunkRows: Int?

    @Flag(name: .customLong("single-transaction"), help: "Load everything in one transaction: all or nothing, no checkpoint.")
    var singleTransaction = false

    @Option(name: .customLong("progress-interval"), help: ArgumentHelp(
        "Away from a terminal, print a progress line on standard error this often (default: 5s).", valueName: "duration"))
    var progressInterval: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (settings, name) = try resolve()
        let interval = try BackfillCommand.duration(progressInterval, flag: "--progress-interval") ?? .seconds(5)
        try await ImportExecution(settings: settings, name: name, global: global, progressInterval: interval).run()
    }

    /// The mapping file's settings (when one is named) with the flags laid over them, and the job name.
    func resolve() throws(StrataError) -> (ImportSettings, String?) {
        var flags = ImportSettings(
            file: file, member: key, fromKeyValue: fromKeyValue, prefix: prefix, into: into, extraColumn: extraColumn,
            maxErrors: maxErrors, rejects: rejects, chunkRows: chunkRows, singleTransaction: singleTransaction ? true : nil)
        if let format {
            guard let parsed = ImportSource.Format(rawValue: format) else { throw StrataError(.usage, "--format must be json, jsonl or csv") }
            flags.format = parsed
        }
        if let mode {
            guard let parsed = ImportMode(rawValue: mode) else { throw StrataError(.usage, "--mode must be insert, upsert or replace") }
            flags.mode = parsed
        }
        if let maxErrors, maxErrors < 0 { throw StrataError(.usage, "--max-errors must be 0 or more") }
        if let chunkRows, chunkRows < 1 { throw StrataError(.usage, "--chunk-rows must be 1 or more") }
        for pair in renames {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw StrataError(.usage, "--map '\(pair)' is not key=column") }
            flags.renames[parts[0]] = parts[1]
        }
        if file != nil && fromKeyValue != nil { throw StrataError(.usage, "give a file or --from-kv, not both") }
        var mappingPath = mapping
        var name = mapping.map { ((($0 as NSString).lastPathComponent) as NSString).deletingPathExtension }
        if mappingPath == nil, let argument = file, !FileManager.default.fileExists(atPath: argument) {
            let candidate = ImportMappingFile.path(name: argument)
            if FileManager.default.fileExists(atPath: candidate) {
                mappingPath = candidate
                name = argument
                flags.file = nil
            } else if !argument.contains("."), !argument.contains("/") {
                throw StrataError(
                    .usage, "there is no file \(argument) and no mapping file \(candidate)",
                    hint: "strata import FILE --into TABLE, or write \(candidate) (see 'strata import --help')")
            }
        }
        guard let mappingPath else { return (flags, nil) }
        return (try ImportMappingFile.load(path: mappingPath).overridden(by: flags), name)
    }

    /// `schema.table` with each part quoted.
    static func quotedTable(_ text: String) throws(StrataError) -> String {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else {
            throw StrataError(.usage, "'\(text)' is not TABLE or SCHEMA.TABLE")
        }
        return parts.map(SQLIdentifier.quoted).joined(separator: ".")
    }
}
