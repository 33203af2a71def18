import Foundation
import StrataCore

/// `strata seed status` as a table for people and as JSON for scripts.
enum SeedStatusRendering {
    private static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }

    /// `{"environment":…,"sets":[{"name","enabled","environments","tables","files":[{"file","state","reason","applied_at","checksum"}]}]}`;
    /// `reason` says why a `stale` file is due again, and is null otherwise.
    static func json(_ statuses: [SeedSetStatus], environment: String?) -> String {
        let quote = StatusRendering.quote
        let sets: [String] = statuses.map { status in
            let files: [String] = status.files.map { file in
                let appliedAt = file.history.map { quote(timestamp($0.appliedAt)) } ?? "null"
                let checksum = (file.file?.checksum ?? file.history?.checksum).map(quote) ?? "null"
                let reason = file.reason.map(quote) ?? "null"
                return "{\"file\":\(quote(file.fileName)),\"state\":\"\(file.state.rawValue)\",\"reason\":\(reason),"
                    + "\"applied_at\":\(appliedAt),\"checksum\":\(checksum)}"
            }
            let environments = status.set?.environments.map { "[" + $0.map(quote).joined(separator: ",") + "]" } ?? "null"
            let tables = "[" + (status.set?.tables ?? []).map(quote).joined(separator: ",") + "]"
            return "{\"name\":\(quote(status.name)),\"enabled\":\(status.enabled),\"environments\":\(environments),"
                + "\"tables\":\(tables),\"files\":[" + files.joined(separator: ",") + "]}"
        }
        return "{\"environment\":\(environment.map(quote) ?? "null"),\"sets\":[" + sets.joined(separator: ",") + "]}"
    }

    /// A fixed-width table, then one line per stale file with its reason, and one per set that does not apply in
    /// the environment.
    static func table(_ statuses: [SeedSetStatus], environment: String?, color: Bool) -> String {
        guard !statuses.isEmpty else { return "No seed sets found." }
        let header = ["SET", "FILE", "STATE", "APPLIED AT"]
        var rows: [(cells: [String], state: SeedFileStatus.State?)] = []
        for set in statuses {
            if set.files.isEmpty { rows.append(([set.name, "-", "empty", "-"], nil)) }
            for file in set.files {
                rows.append(([set.name, file.fileName, file.state.rawValue, file.history.map { timestamp($0.appliedAt) } ?? "-"], file.state))
            }
        }
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.cells.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String], state: SeedFileStatus.State?) -> String {
            cells.enumerated().map { index, cell in
                let padded = cell + String(repeating: " ", count: max(0, widths[index] - cell.count))
                guard index == 2, let state else { return padded }
                let style: Style = state == .applied ? .green : (state == .missing ? .red : .yellow)
                return style.apply(padded, enabled: color)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var lines = [line(header, state: nil)]
        for row in rows { lines.append(line(row.cells, state: row.state)) }
        lines.append("")
        for set in statuses {
            for file in set.files {
                guard let reason = file.reason else { continue }
                lines.append("\(set.name)/\(file.fileName) is stale, seed applies it again: \(reason)")
            }
        }
        lines.append("environment: \(environment ?? "none")")
        for set in statuses where !set.enabled {
            let reason = set.set?.exclusionReason(in: environment) ?? "its folder is gone"
            lines.append("set \(set.name) is not applied here: \(reason)")
        }
        return lines.joined(separator: "\n")
    }
}
