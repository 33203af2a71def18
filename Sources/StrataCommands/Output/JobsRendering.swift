import Foundation
import StrataCore

/// `strata jobs` as a table for people and as JSON for scripts.
enum JobsRendering {
    private static func timestamp(_ date: Date?) -> String { date.map { $0.formatted(.iso8601) } ?? "-" }

    /// Rows per second over the job's life (from its start to its last update).
    static func rate(_ job: JobRecord) -> Double? {
        guard let start = job.startedAt, let end = job.finishedAt ?? job.updatedAt else { return nil }
        let seconds = end.timeIntervalSince(start)
        return seconds > 0 ? Double(job.rowsDone) / seconds : nil
    }

    static func progressText(_ job: JobRecord) -> String {
        job.fractionDone.map { "\(Int(($0 * 100).rounded(.down)))%" } ?? "-"
    }

    /// One fixed-width table.
    static func table(_ jobs: [JobRecord]) -> String {
        guard !jobs.isEmpty else { return "No jobs." }
        let header = ["ID", "KIND", "NAME", "TABLE", "STATE", "PROGRESS", "ROWS", "ROWS/S", "STARTED", "FINISHED", "BY"]
        let rows = jobs.map { job in
            [String(job.id), job.kind.rawValue, job.name, job.target,
             job.state.rawValue + (job.requested.map { " (\($0.rawValue) asked)" } ?? ""), progressText(job),
             BackfillPrinter.count(job.rowsDone), rate(job).map { BackfillPrinter.count(Int64($0)) } ?? "-",
             timestamp(job.startedAt), timestamp(job.finishedAt), job.actor]
        }
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }

    /// `strata jobs show ID`: one field per line.
    static func detail(_ job: JobRecord) -> String {
        var lines = [
            "job \(job.id): \(job.kind.rawValue) \(job.name) on \(job.target)",
            "state:      \(job.state.rawValue)" + (job.requested.map { " (\($0.rawValue) asked, at the next batch)" } ?? ""),
            "progress:   \(BackfillPrinter.count(job.rowsDone)) rows" + (job.rowsEstimate.map { " of ~\(BackfillPrinter.count($0))" } ?? "")
                + " (\(progressText(job))), \(BackfillPrinter.count(job.rowsChanged)) changed, \(job.batches) batches",
            "rate:       " + (rate(job).map { "\(BackfillPrinter.count(Int64($0))) rows/s" } ?? "-"),
            "checkpoint: " + (job.checkpoint.map { "(\($0.joined(separator: ", ")))" } ?? "none (no batch yet)")
                + " of key (\(job.keyColumns.joined(separator: ", "))), up to " + (job.upperKey.map { "(\($0.joined(separator: ", ")))" } ?? "-"),
            "pace:       batch time \(BackfillPrinter.duration(job.pace.batchTime))"
                + (job.pace.fixedBatchSize.map { ", fixed batch size \($0)" } ?? "") + ", sleep \(BackfillPrinter.duration(job.pace.sleep))",
            "started:    \(timestamp(job.startedAt)) by \(job.actor)",
            "updated:    \(timestamp(job.updatedAt))",
            "finished:   \(timestamp(job.finishedAt))",
            "statement:  \(job.definition)",
        ]
        if let error = job.error { lines.append("error:      \(error)") }
        return lines.joined(separator: "\n")
    }

    /// One job as a JSON object.
    static func json(_ job: JobRecord) -> String {
        func text(_ value: String?) -> String { value.map(StatusRendering.quote) ?? "null" }
        func array(_ value: [String]?) -> String { value.map { "[" + $0.map(StatusRendering.quote).joined(separator: ",") + "]" } ?? "null" }
        func date(_ value: Date?) -> String { value.map { "\"\($0.formatted(.iso8601))\"" } ?? "null" }
        let fields: [(String, String)] = [
            ("id", String(job.id)), ("kind", text(job.kind.rawValue)), ("name", text(job.name)), ("table", text(job.target)),
            ("state", text(job.state.rawValue)), ("requested", text(job.requested?.rawValue)),
            ("rows_done", String(job.rowsDone)), ("rows_changed", String(job.rowsChanged)),
            ("rows_estimate", job.rowsEstimate.map(String.init) ?? "null"), ("batches", String(job.batches)),
            ("progress", job.fractionDone.map { String(format: "%.4f", $0) } ?? "null"),
            ("rows_per_second", rate(job).map { String(format: "%.1f", $0) } ?? "null"),
            ("key_columns", array(job.keyColumns)), ("checkpoint", array(job.checkpoint)), ("upper_key", array(job.upperKey)),
            ("batch_time_ms", String(job.pace.batchTime.wholeMilliseconds)),
            ("batch_size", job.pace.fixedBatchSize.map(String.init) ?? "null"), ("sleep_ms", String(job.pace.sleep.wholeMilliseconds)),
            ("started_at", date(job.startedAt)), ("updated_at", date(job.updatedAt)), ("finished_at", date(job.finishedAt)),
            ("actor", text(job.actor)), ("error", text(job.error)), ("statement", text(job.definition)),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    /// `{"jobs":[…]}`
    static func json(_ jobs: [JobRecord]) -> String {
        "{\"jobs\":[" + jobs.map { json($0) }.joined(separator: ",") + "]}"
    }
}
