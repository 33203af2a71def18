import Foundation
import StrataCore
import StrataPostgres

/// One `strata import` from settings already resolved (mapping file and flags, or a job's definition for
/// `strata jobs resume`): reads the input, chooses one transaction or chunks (``ImportChunking``), runs it, writes
/// the rejects and prints the final line.
struct ImportExecution {
    /// What to import.
    let settings: ImportSettings
    /// The job's name: the mapping's name, a resumed job's name, or `nil` (then the file, or table and prefix).
    let name: String?
    let global: GlobalOptions
    let progressInterval: Duration

    func run() async throws {
        guard let into = settings.into else {
            throw StrataError(.usage, "name the table to load into: --into TABLE (or into = \"TABLE\" in the mapping file)")
        }
        let mode = settings.mode ?? .insert
        let maxErrors = settings.maxErrors ?? 0
        guard maxErrors >= 0 else { throw StrataError(.usage, "--max-errors must be 0 or more") }
        let table = try ImportCommand.quotedTable(into)
        var keep = settings
        var input: ImportInput?
        var fingerprint = ""
        var fileBytes: Int?
        var compressed = false
        var jobName = name
        if let file = settings.file {
            let chosen: ImportSource.Format
            if let format = settings.format {
                chosen = format
            } else {
                guard let guessed = ImportSource.Format.guess(path: CompressedInput.innerName(of: file)) else {
                    throw StrataError(
                        .usage, "cannot tell the format of \(file)",
                        hint: "name it .json, .jsonl or .csv (optionally .gz), or give --format")
                }
                chosen = guessed
            }
            let data = try CompressedInput.read(file)
            compressed = CompressedInput.isGzip(data)
            fileBytes = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? data.count
            let bytes = Array(data)
            fingerprint = ImportFingerprint.of(bytes: bytes)
            if chosen == .jsonl {
                input = .jsonLines(bytes: bytes, path: file)
            } else {
                let member = settings.member ?? into.split(separator: ".").last.map(String.init)
                let source = try ImportSource.read(bytes, path: file, format: chosen, key: member)
                input = .records(source.records, rejects: source.rejects, bytes: bytes.count)
            }
            let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
            keep.file = absolute
            if jobName == nil { jobName = "\(absolute) into \(into)" }
        } else if let kv = settings.fromKeyValue {
            if jobName == nil { jobName = "kv \(kv) \(settings.prefix ?? "") into \(into)" }
        } else {
            throw StrataError(.usage, "give a file to import, --from-kv TABLE --prefix PREFIX, or a mapping (strata import NAME)")
        }
        let context = try ProjectContext(options: global)
        let kvTable = try settings.fromKeyValue.map(ImportCommand.quotedTable)
        let prefix = settings.prefix ?? ""
        let read = input
        let request = ChunkedImportRequest(
            name: jobName ?? into, table: table, mode: mode, renames: settings.renames, extraColumn: settings.extraColumn,
            maxErrors: maxErrors, chunkRows: settings.chunkRows ?? ImportChunking.defaultChunkRows,
            definition: keep.definition)
        let singleTransaction = settings.singleTransaction
        let chunkRows = settings.chunkRows
        let printer = ImportPrinter(quiet: global.quiet, interval: progressInterval, fileBytes: fileBytes, compressed: compressed)
        let rejectsFile = settings.rejects.map(RejectsFile.init(path:))
        let schema = context.schema
        let interruption = context.interruption
        let fileFingerprint = fingerprint
        let ran = try await context.withSession { session throws(StrataError) -> ImportRun in
            var request = request
            let loaded: ImportInput
            if let read {
                loaded = read
                request.definition += fileFingerprint + "\n"
            } else {
                let source = try await KeyValueSource.read(table: kvTable ?? "", prefix: prefix, in: session)
                loaded = .records(source.records, rejects: source.rejects, bytes: 0)
                request.definition += ImportFingerprint.of(records: source.records, rejects: source.rejects) + "\n"
            }
            let units = ChunkedImport.unitCount(loaded)
            let jobs = JobsTable(schema: schema)
            var unfinished: Int64?
            var rows = chunkRows
            if case .resume(let job, _) = try ImportResumeDecision.decide(
                existing: try await jobs.latest(kind: .import, name: request.name, in: session), definition: request.definition)
            {
                unfinished = job.id
                rows = rows ?? job.pace.fixedBatchSize  // the job's chunk size, unless --chunk-rows gives another
            }
            switch try ImportChunking.decide(
                units: units, mode: mode, singleTransaction: singleTransaction, chunkRows: rows, unfinishedJob: unfinished)
            {
            case .singleTransaction:
                let importer = Importer(session: session)
                switch loaded {
                case .jsonLines(let bytes, let path):
                    return .single(try await importer.runJSONLines(
                        bytes, path: path, into: table, mode: mode, renames: request.renames, extraColumn: request.extraColumn,
                        maxErrors: maxErrors))
                case .records(let records, let rejects, _):
                    return .single(try await importer.run(
                        records, readRejects: rejects, into: table, mode: mode, renames: request.renames,
                        extraColumn: request.extraColumn, maxErrors: maxErrors))
                }
            case .chunked(let rows):
                request.chunkRows = rows
                let runner = ChunkedImport(
                    session: session, jobs: jobs, interruption: interruption,
                    started: { _, resumed in rejectsFile?.begin(fresh: !resumed) },
                    progress: { event, rejects in
                        rejectsFile?.append(rejects)
                        printer.print(event, rejects)
                    })
                do throws(StrataError) {
                    return .chunked(try await runner.run(loaded, request: request), rows: rows)
                } catch {
                    printer.finishLine()
                    throw error
                }
            }
        }
        printer.finishLine()
        try rejectsFile?.check()
        switch ran {
        case .single(let summary):
            if let rejectsFile, !summary.rejects.isEmpty {
                rejectsFile.begin(fresh: true)
                rejectsFile.append(summary.rejects)
                try rejectsFile.check()
            }
            for reject in summary.rejects where !global.quiet { Console.standardError.write(ImportPrinter.rejectLine(reject)) }
            if !global.quiet {
                Console.standardOutput.write(
                    "import \(into): read \(summary.read) = loaded \(summary.loaded) + rejected \(summary.rejects.count) (mode \(mode.rawValue)"
                        + (summary.changed.map { ", \($0) rows inserted or changed" } ?? "") + ")")
            }
        case .chunked(let outcome, let rows):
            guard !global.quiet else { return }
            let job = outcome.job
            let point = outcome.checkpoint
            switch outcome.result {
            case .finished:
                Console.standardOutput.write(
                    "import \(into): read \(point.read) = loaded \(point.loaded) + rejected \(point.rejected) (mode \(mode.rawValue)"
                        + (mode == .upsert ? ", \(job.rowsChanged) rows inserted or changed" : "")
                        + ", \(job.batches) chunks of up to \(BackfillPrinter.count(Int64(rows))) records, job \(job.id)"
                        + (outcome.resumed ? ", resumed at record \(outcome.startedAt)" : "") + ")")
            case .paused, .cancelled:
                Console.standardOutput.write(
                    "import \(into): \(outcome.result.rawValue) after \(point.read) records in \(job.batches) chunks (job \(job.id))"
                        + (outcome.result == .paused ? "; 'strata jobs resume \(job.id)' continues" : "; the chunks that committed stay"))
            }
        }
    }
}

/// What one import run did: one transaction, or a chunked job.
enum ImportRun: Sendable {
    case single(ImportSummary)
    case chunked(ChunkedImportOutcome, rows: Int)
}
