import Foundation
import StrataCore

/// Reports a backfill as it runs: on a terminal a progress bar redrawn in place (rows done / total, rows/s, ETA),
/// otherwise one line every `interval` (and one at the end), so a log or CI output stays short.
final class BackfillPrinter: @unchecked Sendable {
    let quiet: Bool
    private let progress: ProgressLine

    init(quiet: Bool, interval: Duration) {
        self.quiet = quiet
        self.progress = ProgressLine(console: .standardOutput, quiet: quiet, interval: interval)
    }

    /// The callback a `BackfillRunner` reports to.
    var callback: @Sendable (BackfillProgress) -> Void { { [self] event in self.print(event) } }

    func print(_ event: BackfillProgress) {
        guard !quiet else { return }
        switch event {
        case .started(let job, let resumed):
            let estimate = job.rowsEstimate.map { "~\(Self.count($0)) rows" } ?? "an unknown number of rows"
            let pace = job.pace.fixedBatchSize.map { "batches of \(Self.count(Int64($0))) rows" }
                ?? "batches toward \(Self.duration(job.pace.batchTime))"
            if resumed {
                Console.standardOutput.write(
                    "backfill \(job.name): resuming job \(job.id) on \(job.target) after \(Self.count(job.rowsDone)) rows "
                        + "(\(job.batches) batches), \(estimate) in all, \(pace)")
            } else {
                Console.standardOutput.write("backfill \(job.name): job \(job.id) on \(job.target), \(estimate), \(pace)")
            }
        case .batch(let status):
            progress.report(bar: Self.bar(status), line: "backfill: " + Self.line(status))
        case .retrying:
            return  // the runner logs a warning with the reason
        }
    }

    /// Ends the live bar before a normal line.
    func finishLine() { progress.finish() }

    /// `[########------------]  41%  410,000 / 1,000,000 rows  52,310 rows/s  ETA 11 s`
    static func bar(_ status: BackfillStatus) -> String {
        let fraction = status.rowsEstimate.map { $0 > 0 ? min(1, Double(status.rowsDone) / Double($0)) : 1 } ?? 0
        return ProgressLine.bar(fraction: fraction) + line(status)
    }

    /// `410,000 / 1,000,000 rows, 52,310 rows/s, ETA 11 s, batch 9,800 rows in 190 ms`
    static func line(_ status: BackfillStatus) -> String {
        var text = "\(count(status.rowsDone))"
        if let estimate = status.rowsEstimate { text += " / \(count(estimate))" }
        text += " rows, \(count(Int64(status.rate))) rows/s"
        if let remaining = status.remaining { text += ", ETA \(duration(remaining))" }
        text += ", batch \(count(Int64(status.batchSize))) rows in \(status.batchTime.wholeMilliseconds) ms"
        return text
    }

    /// `1,234,567`
    static func count(_ value: Int64) -> String { ByteCount.grouped(value) }

    /// `250 ms`, `12.5 s`, `3 min 20 s`
    static func duration(_ value: Duration) -> String {
        let milliseconds = value.wholeMilliseconds
        if milliseconds < 1_000 { return "\(milliseconds) ms" }
        if milliseconds < 60_000 { return String(format: "%.1f s", Double(milliseconds) / 1_000) }
        let seconds = milliseconds / 1_000
        if seconds < 3_600 { return "\(seconds / 60) min \(seconds % 60) s" }
        return "\(seconds / 3_600) h \(seconds % 3_600 / 60) min"
    }

    /// The closing line of a run.
    static func summary(_ outcome: BackfillOutcome) -> String {
        let job = outcome.job
        switch outcome.result {
        case .finished:
            return "backfill \(job.name): done, \(count(job.rowsDone)) rows (\(count(job.rowsChanged)) changed) in "
                + "\(job.batches) batches; this run \(count(outcome.rowsThisRun)) rows in \(duration(outcome.elapsed)), "
                + "longest batch \(outcome.longestBatch.wholeMilliseconds) ms (job \(job.id))"
        case .alreadyDone:
            let when = job.finishedAt.map { " at \($0.formatted(.iso8601))" } ?? ""
            return "backfill \(job.name) is already done (job \(job.id), \(count(job.rowsDone)) rows, finished\(when)); "
                + "--again runs it again"
        case .paused:
            return "backfill \(job.name): paused after \(count(job.rowsDone)) rows (job \(job.id)); "
                + "'strata jobs resume \(job.id)' continues"
        case .cancelled:
            return "backfill \(job.name): cancelled after \(count(job.rowsDone)) rows (job \(job.id)); "
                + "the batches that committed stay"
        }
    }
}
