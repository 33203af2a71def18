import Foundation
import StrataCore

/// `strata status` as a table for people and as JSON for scripts.
enum StatusRendering {
    private static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }

    /// The JSON object `{"current_version":…,"migrations":[…],"repeatables":[…]}`: the newest applied version (null
    /// when none is); migrations with keys version, name, state, applied_at
    /// (null when not applied), checksum; repeatables with name, state (`applied` or `pending`), checksum.
    static func json(_ statuses: [MigrationStatus], repeatables: [(RepeatableMigration, Bool)] = []) -> String {
        let items: [String] = statuses.map { status in
            let appliedAt = status.history.map { "\"\(timestamp($0.appliedAt))\"" } ?? "null"
            return "{\"version\":\(quote(status.version.rawValue)),\"name\":\(quote(status.name)),"
                + "\"state\":\"\(status.state.rawValue)\",\"applied_at\":\(appliedAt),\"checksum\":\(quote(status.checksum))}"
        }
        let repeatableItems = repeatables.map { repeatable, upToDate in
            "{\"name\":\(quote(repeatable.name)),\"state\":\"\(upToDate ? "applied" : "pending")\",\"checksum\":\(quote(repeatable.checksum))}"
        }
        let current = currentVersion(statuses).map { quote($0.rawValue) } ?? "null"
        return "{\"current_version\":\(current),\"migrations\":[" + items.joined(separator: ",") + "],\"repeatables\":["
            + repeatableItems.joined(separator: ",") + "]}"
    }

    /// The newest version that is applied (unchanged, changed since, or with its file gone); nil when none is.
    static func currentVersion(_ statuses: [MigrationStatus]) -> MigrationVersion? {
        statuses.filter { [.applied, .changed, .missing].contains($0.state) }.map(\.version).max()
    }

    /// A fixed-width table with a count line.
    static func table(_ statuses: [MigrationStatus], color: Bool) -> String {
        guard !statuses.isEmpty else { return "No migrations found." }
        let header = ["VERSION", "NAME", "STATE", "APPLIED AT"]
        let rows = statuses.map { status in
            [status.version.rawValue, status.name, stateText(status),
             status.history.map { timestamp($0.appliedAt) } ?? "-"]
        }
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String], state: MigrationStatus.State?) -> String {
            cells.enumerated().map { index, cell in
                let padded = cell + String(repeating: " ", count: max(0, widths[index] - cell.count))
                guard index == 2, let state else { return padded }
                return stateStyle(state).apply(padded, enabled: color)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var lines = [line(header, state: nil)]
        for (row, status) in zip(rows, statuses) { lines.append(line(row, state: status.state)) }
        var counts: [String] = []
        for state in MigrationStatus.State.allCases {
            let count = statuses.filter { $0.state == state }.count
            if count > 0 { counts.append("\(count) \(state.rawValue)") }
        }
        lines.append("")
        lines.append(counts.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    /// `applied`, `applied (baseline)`, `partial (1 of 3 statements ran; the next one failed)`.
    static func stateText(_ status: MigrationStatus) -> String {
        switch status.state {
        case .applied where status.history?.state == .baseline:
            return "applied (baseline)"
        case .partial, .failed, .running:
            guard let ran = status.history?.statementsRun, let migration = status.migration,
                let total = try? migration.up.statements(path: migration.path).count
            else { return status.state.rawValue }
            let then = status.history?.state == .failed ? "; the next one failed" : ""
            return "\(status.state.rawValue) (\(ran) of \(total) statements ran\(then))"
        default:
            return status.state.rawValue
        }
    }

    private static func stateStyle(_ state: MigrationStatus.State) -> Style {
        switch state {
        case .applied: return .green
        case .pending, .skipped: return .yellow
        case .missing, .changed, .failed, .partial: return .red
        case .running: return .yellow
        }
    }

    /// A JSON string literal.
    static func quote(_ text: String) -> String { JSONStringLiteral.of(text) }
}
