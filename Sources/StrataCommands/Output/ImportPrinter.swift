import Foundation
import StrataCore

/// Reports a chunked import on standard error as it runs: on a terminal a progress bar by bytes of the input read
/// (the compressed file's bytes for gzip) with records/s, redrawn in place; otherwise one line every `interval`.
final class ImportPrinter: @unchecked Sendable {
    let quiet: Bool
    /// The size of the file as it is on disk (compressed for gzip); `nil` for a key-value table.
    let fileBytes: Int?
    let compressed: Bool
    private let progress: ProgressLine

    init(quiet: Bool, interval: Duration, fileBytes: Int?, compressed: Bool) {
        self.quiet = quiet
        self.fileBytes = fileBytes
        self.compressed = compressed
        self.progress = ProgressLine(console: .standardError, quiet: quiet, interval: interval)
    }

    /// The callback a `ChunkedImport` reports to: progress, and the chunk's bad records.
    var callback: @Sendable (ImportProgress, [ImportReject]) -> Void { { [self] event, rejects in self.print(event, rejects) } }

    func print(_ event: ImportProgress, _ rejects: [ImportReject]) {
        guard !quiet else { return }
        if !rejects.isEmpty {
            finishLine()
            for reject in rejects { Console.standardError.write(ImportPrinter.rejectLine(reject)) }
        }
        progress.report(
            bar: ProgressLine.bar(fraction: event.fraction) + line(event),
            line: "import: " + String(format: "%d%%, ", Int(event.fraction * 100)) + line(event))
    }

    /// `12.3 MB / 30.0 MB (gzip), 200,000 records, 52,310 records/s, chunk 4 of 10`
    func line(_ event: ImportProgress) -> String {
        var text = ""
        if let fileBytes, fileBytes > 0 {
            text += "\(ByteCount.text(Int64(event.bytesRead(ofFileSized: fileBytes)))) / \(ByteCount.text(Int64(fileBytes)))"
                + (compressed ? " (gzip)" : "") + ", "
        }
        text += "\(BackfillPrinter.count(Int64(event.checkpoint.read))) records, "
            + "\(BackfillPrinter.count(Int64(event.rate))) records/s, chunk \(event.chunks) of \(event.chunksTotal)"
        return text
    }

    /// Ends the live bar before a normal line.
    func finishLine() { progress.finish() }

    /// `rejected kv_export.json:45: invalid input syntax … (SQLSTATE 22P02)`
    static func rejectLine(_ reject: ImportReject) -> String {
        "rejected \(reject.location): \(reject.reason)" + (reject.sqlState.map { " (SQLSTATE \($0))" } ?? "")
    }
}
