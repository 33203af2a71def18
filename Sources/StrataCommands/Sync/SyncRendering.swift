import StrataCore
import StrataPostgres

/// What the sync commands print: text for a person, JSON for a pipeline.
enum SyncRendering {
    static func count(_ value: Int64) -> String { ByteCount.grouped(value) }
    static func quote(_ text: String) -> String { StatusRendering.quote(text) }
    static func seconds(_ duration: Duration) -> String { String(format: "%.2f s", Double(duration.wholeMilliseconds) / 1000) }

    // MARK: plan

    static func text(plan pairs: [SyncPairPlan], name: String) -> String {
        var lines = ["sync \(name): \(pairs.count) table\(pairs.count == 1 ? "" : "s"), the plan fits the database"]
        for pair in pairs {
            lines.append("")
            lines.append("\(pair.from) → \(pair.to)  (~\(count(pair.rowsEstimate ?? 0)) rows, key \(pair.fromKey.joined(separator: ", ")))")
            for column in pair.columns { lines.append("  \(column.column) = \(column.expression)") }
            lines.append("  start:    dual-write triggers on \(pair.from), then a key-ordered copy into \(pair.to)")
            lines.append("  cutover:  \(pair.from) moves to \(pair.archive); a view \(pair.from) over \(pair.to) keeps old readers and writers working")
            if !pair.viewNullColumns.isEmpty {
                lines.append("            (the view gives NULL for \(pair.viewNullColumns.joined(separator: ", ")): nothing copies them as they are)")
            }
            if !pair.unwritableOldColumns.isEmpty {
                lines.append("  warning:  cutover will be refused: \(pair.unwritableOldColumns.joined(separator: ", ")) of \(pair.from) cannot be written back")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func json(plan pairs: [SyncPairPlan]) -> String {
        let items = pairs.map { pair in
            let columns = pair.columns.map { "{\"column\":\(quote($0.column)),\"expression\":\(quote($0.expression))}" }
            return "{\"from\":\(quote(pair.from)),\"to\":\(quote(pair.to)),\"key\":[\(pair.fromKey.map(quote).joined(separator: ","))],"
                + "\"columns\":[\(columns.joined(separator: ","))],\"archive\":\(quote(pair.archive)),"
                + "\"rows_estimate\":\(pair.rowsEstimate.map(String.init) ?? "null"),"
                + "\"view_null_columns\":[\(pair.viewNullColumns.map(quote).joined(separator: ","))],"
                + "\"cutover_refused_for\":[\(pair.unwritableOldColumns.map(quote).joined(separator: ","))]}"
        }
        return "{\"tables\":[\(items.joined(separator: ","))]}"
    }

    // MARK: start

    static func text(start reports: [SyncEngine.StartReport], name: String) -> String {
        guard !reports.isEmpty else { return "sync \(name): every table is already copied; the triggers keep them in step" }
        return reports.map { report in
            "copied \(report.from) → \(report.to): \(count(report.rowsCopied)) rows"
                + (report.rowsInserted < report.rowsCopied
                    ? " (\(count(report.rowsInserted)) inserted, the rest written by the triggers first)" : "")
                + " in \(seconds(report.elapsed))"
                + (report.resumed ? ", resumed after the last committed batch" : "")
        }.joined(separator: "\n") + "\nsync \(name): synced; the triggers keep the new tables in step. Next: strata sync verify \(name)"
    }

    static func json(start reports: [SyncEngine.StartReport]) -> String {
        let items = reports.map { report in
            "{\"from\":\(quote(report.from)),\"to\":\(quote(report.to)),\"rows_copied\":\(report.rowsCopied),"
                + "\"rows_inserted\":\(report.rowsInserted),\"resumed\":\(report.resumed),\"seconds\":\(Double(report.elapsed.wholeMilliseconds) / 1000)}"
        }
        return "{\"tables\":[\(items.joined(separator: ","))]}"
    }

    // MARK: verify

    static func text(verify reports: [SyncEngine.VerifyReport]) -> String {
        reports.map { report in
            var line = report.matches
                ? "ok     \(report.from) = \(report.to): \(count(report.newRows)) rows in \(report.chunks) chunk\(report.chunks == 1 ? "" : "s")"
                : "DIFFER \(report.from) ≠ \(report.to): \(count(report.oldRows)) old rows, \(count(report.newRows)) new, keys "
                    + report.differingKeys.prefix(10).map { "(" + $0.joined(separator: ", ") + ")" }.joined(separator: " ")
                    + (report.differingKeys.count > 10 ? " … (\(report.differingKeys.count) in all)" : "")
            if report.repaired > 0 { line += " (repaired \(report.repaired) keys)" }
            return line
        }.joined(separator: "\n")
    }

    static func json(verify reports: [SyncEngine.VerifyReport]) -> String {
        let items = reports.map { report in
            let keys = report.differingKeys.map { "[" + $0.map(quote).joined(separator: ",") + "]" }
            return "{\"from\":\(quote(report.from)),\"to\":\(quote(report.to)),\"match\":\(report.matches),"
                + "\"old_rows\":\(report.oldRows),\"new_rows\":\(report.newRows),\"chunks\":\(report.chunks),"
                + "\"differing_keys\":[\(keys.joined(separator: ","))],\"repaired\":\(report.repaired)}"
        }
        return "{\"tables\":[\(items.joined(separator: ","))]}"
    }

    // MARK: cutover, complete, abort

    static func text(cutover reports: [SyncEngine.CutoverReport]) -> String {
        guard !reports.isEmpty else { return "every table is already cut over" }
        return reports.map { "cut over \($0.from): archived as \($0.archive), a view keeps the name; tables locked \(seconds($0.locked))" }
            .joined(separator: "\n")
    }

    static func json(cutover reports: [SyncEngine.CutoverReport]) -> String {
        let items = reports.map {
            "{\"from\":\(quote($0.from)),\"archive\":\(quote($0.archive)),\"locked_seconds\":\(Double($0.locked.wholeMilliseconds) / 1000)}"
        }
        return "{\"tables\":[\(items.joined(separator: ","))]}"
    }

    static func json(tables: [String], key: String) -> String {
        "{\"\(key)\":[\(tables.map(quote).joined(separator: ","))]}"
    }

    // MARK: status

    static func text(status rows: [SyncPairStatus]) -> String {
        guard !rows.isEmpty else { return "no sync has started" }
        let header = ["SYNC", "FROM", "TO", "PHASE", "ROWS COPIED", "VERIFY"]
        let cells = rows.map { row in
            [row.sync, row.from, row.to, row.phase.rawValue, count(row.rowsCopied),
             row.verifyResult.map { "\($0) (\(row.verifiedAt ?? "-"))" } ?? "-"]
        }
        let widths = header.indices.map { index in ([header] + cells).map { $0[index].count }.max() ?? 0 }
        func line(_ values: [String]) -> String {
            values.enumerated().map { index, value in
                index == values.count - 1 ? value : value.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ([line(header)] + cells.map(line)).joined(separator: "\n")
    }

    static func json(status rows: [SyncPairStatus]) -> String {
        func text(_ value: String?) -> String { value.map(quote) ?? "null" }
        let items = rows.map { row in
            "{\"sync\":\(quote(row.sync)),\"from\":\(quote(row.from)),\"to\":\(quote(row.to)),\"phase\":\(quote(row.phase.rawValue)),"
                + "\"rows_copied\":\(row.rowsCopied),\"verify\":\(text(row.verifyResult)),\"verified_at\":\(text(row.verifiedAt)),"
                + "\"updated_at\":\(quote(row.updatedAt))}"
        }
        return "{\"tables\":[\(items.joined(separator: ","))]}"
    }
}
