import ArgumentParser
import Foundation
import StrataCore
import StrataPostgres

/// `strata import FILE --into TABLE` or `strata import --from-kv TABLE --prefix concert: --into concerts`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load a JSON, JSON Lines or CSV export (or a key-value table) into a table through COPY.",
        discussion: """
            Keys become columns: --map key=column first, then the key itself, then its snake_case (userId → \
            user_id). A key with no column makes its record bad, unless --extra-column names a jsonb column that \
            keeps such keys. Values are converted by PostgreSQL. Modes: insert (a duplicate key is a bad record), \
            upsert (staging table and INSERT … ON CONFLICT, changing only rows that differ: a rerun changes \
            nothing), replace (TRUNCATE first). Everything runs in one transaction. A bad record is reported as \
            file:line (or 'TABLE key') with the SQLSTATE; with --max-errors N up to N go to --rejects PATH (JSON \
            Lines) while the rest loads; otherwise nothing is loaded.

            Exit codes: 0 loaded, 1 more bad records than --max-errors (nothing loaded), 2 usage, an unreadable \
            or malformed file, a missing table, 3 connection.
            """)

    @Argument(help: "The file to load (.json, .jsonl, .csv; gzip-compressed too, e.g. .jsonl.gz).")
    var file: String?

    @Option(help: ArgumentHelp("The table to load into (TABLE or SCHEMA.TABLE; quoted as given).", valueName: "table"))
    var into: String

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
    var mode: String = "insert"

    @Option(name: .customLong("max-errors"), help: ArgumentHelp("Bad records allowed while the rest loads (default: 0).", valueName: "count"))
    var maxErrors: Int = 0

    @Option(help: ArgumentHelp("Write bad records here, as JSON Lines with location, sqlstate and reason.", valueName: "path"))
    var rejects: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        guard let mode = ImportMode(rawValue: mode) else { throw StrataError(.usage, "--mode must be insert, upsert or replace") }
        guard maxErrors >= 0 else { throw StrataError(.usage, "--max-errors must be 0 or more") }
        var renameMap: [String: String] = [:]
        for pair in renames {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw StrataError(.usage, "--map '\(pair)' is not key=column") }
            renameMap[parts[0]] = parts[1]
        }
        let table = try Self.quotedTable(into)
        var source: (records: [ImportRecord], rejects: [ImportReject])?
        var jsonLines: [UInt8]?
        if let file {
            guard fromKeyValue == nil else { throw StrataError(.usage, "give a file or --from-kv, not both") }
            let chosen: ImportSource.Format
            if let format {
                guard let parsed = ImportSource.Format(rawValue: format) else { throw StrataError(.usage, "--format must be json, jsonl or csv") }
                chosen = parsed
            } else {
                guard let guessed = ImportSource.Format.guess(path: CompressedInput.innerName(of: file)) else {
                    throw StrataError(
                        .usage, "cannot tell the format of \(file)",
                        hint: "name it .json, .jsonl or .csv (optionally .gz), or give --format")
                }
                chosen = guessed
            }
            let data = try CompressedInput.read(file)
            let member = key ?? into.split(separator: ".").last.map(String.init)
            if chosen == .jsonl {
                jsonLines = Array(data)
            } else {
                source = try ImportSource.read(Array(data), path: file, format: chosen, key: member)
            }
        } else if fromKeyValue == nil {
            throw StrataError(.usage, "give a file to import, or --from-kv TABLE --prefix PREFIX")
        }
        let context = try ProjectContext(options: global)
        let kvTable = try fromKeyValue.map(Self.quotedTable)
        let prefix = prefix ?? ""
        let extra = extraColumn
        let maxErrors = maxErrors
        let read = source
        let lines = jsonLines
        let path = file ?? ""
        let summary = try await context.withSession { session throws(StrataError) -> ImportSummary in
            if let lines {
                return try await Importer(session: session).runJSONLines(
                    lines, path: path, into: table, mode: mode, renames: renameMap, extraColumn: extra, maxErrors: maxErrors)
            }
            let input: (records: [ImportRecord], rejects: [ImportReject])
            if let read { input = read } else { input = try await KeyValueSource.read(table: kvTable ?? "", prefix: prefix, in: session) }
            return try await Importer(session: session).run(
                input.records, readRejects: input.rejects, into: table, mode: mode, renames: renameMap, extraColumn: extra,
                maxErrors: maxErrors)
        }
        if let rejects, !summary.rejects.isEmpty { try Self.writeRejects(summary.rejects, to: rejects) }
        for reject in summary.rejects where !global.quiet {
            Console.standardError.write("rejected \(reject.location): \(reject.reason)" + (reject.sqlState.map { " (SQLSTATE \($0))" } ?? ""))
        }
        if !global.quiet {
            Console.standardOutput.write(
                "import \(into): read \(summary.read) = loaded \(summary.loaded) + rejected \(summary.rejects.count) (mode \(mode.rawValue)"
                    + (summary.changed.map { ", \($0) rows inserted or changed" } ?? "") + ")")
        }
    }

    /// `schema.table` with each part quoted.
    static func quotedTable(_ text: String) throws(StrataError) -> String {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else {
            throw StrataError(.usage, "'\(text)' is not TABLE or SCHEMA.TABLE")
        }
        return parts.map(SQLIdentifier.quoted).joined(separator: ".")
    }

    static func writeRejects(_ rejects: [ImportReject], to path: String) throws(StrataError) {
        let lines = rejects.map { reject in
            "{\"location\":\(StatusRendering.quote(reject.location)),\"sqlstate\":"
                + (reject.sqlState.map(StatusRendering.quote) ?? "null") + ",\"reason\":\(StatusRendering.quote(reject.reason)),\"record\":"
                + (reject.text.map(StatusRendering.quote) ?? "null") + "}"
        }
        do {
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw StrataError(.io, "cannot write the rejects file \(path)", detail: "\(error)")
        }
    }
}
