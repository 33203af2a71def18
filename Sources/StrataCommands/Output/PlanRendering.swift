import Foundation
import StrataCore

/// `strata plan` as a table for people and as JSON for CI and review bots.
enum PlanRendering {
    /// The report as one JSON object with snake_case keys.
    static func json(_ report: PreflightCheck.Report) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(report) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// One block per migration: the verdict with its reasons, then one row per statement and table.
    static func table(_ report: PreflightCheck.Report) -> String {
        var lines: [String] = [report.throughput.statement]
        if report.migrations.isEmpty {
            lines.append("Nothing pending: the database is up to date.")
        }
        for migration in report.migrations {
            lines.append("")
            lines.append(
                "\(migration.version) \(migration.name): \(migration.verdict.rawValue.uppercased())"
                    + (migration.lockSeconds > 0 ? " (blocking lock held about \(DurationText.seconds(migration.lockSeconds)))" : ""))
            for reason in migration.reasons { lines.append("  - \(reason)") }
            let header = ["LINE", "STATEMENT", "TABLE", "LOCK", "WORK", "SIZE", "ROWS", "ESTIMATE"]
            var rows: [[String]] = []
            for statement in migration.statements {
                if statement.tables.isEmpty {
                    rows.append(["\(statement.statement.line)", statement.statement.summary, "-", "-", "-", "-", "-", "-"])
                }
                for table in statement.tables {
                    rows.append([
                        "\(statement.statement.line)", statement.statement.summary, table.touch.table.description,
                        table.touch.lock.rawValue, table.touch.work.rawValue,
                        table.touch.isNew ? "new" : table.facts.map { ByteCount.text($0.totalBytes) } ?? "absent",
                        table.facts.map { ByteCount.grouped($0.rows) } ?? "-",
                        table.touch.work == .none || table.facts == nil ? "-" : DurationText.seconds(table.seconds),
                    ])
                }
            }
            lines += aligned(header, rows).map { "  " + $0 }
        }
        if !report.otherSessions.isEmpty {
            lines.append("")
            lines.append("Other sessions to know about (idle in transaction or long-running):")
            for session in report.otherSessions { lines.append("  - \(session.description)") }
        }
        return lines.joined(separator: "\n")
    }

    private static func aligned(_ header: [String], _ rows: [[String]]) -> [String] {
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return [line(header)] + rows.map(line)
    }
}
