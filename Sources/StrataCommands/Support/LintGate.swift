import StrataCore
import StrataLint

/// Lints the files `migrate` is about to run. By default one summary line goes to standard error ("3 findings in 2
/// pending files; run 'strata lint' for details"); `--verbose` lists each finding as `strata lint` heads it
/// (`path:line:column: error[rule] message`). With `--enforce-lint` an error-severity finding stops the run before
/// anything is applied (exit 6), and those findings are listed.
enum LintGate {
    static func check(
        _ pending: [Migration], with adapter: LintAdapter, enforce: Bool, quiet: Bool, verbose: Bool = false
    ) throws(StrataError) {
        guard !pending.isEmpty else { return }
        let report = try adapter.lint(pending)
        let blocked = enforce && report.hasErrors
        if !quiet || blocked {
            let formatter = TextLintFormatter(useColor: Console.standardError.supportsColor)
            for line in lines(for: report, enforce: enforce, verbose: verbose, formatter: formatter) {
                Console.standardError.write(line)
            }
        }
        if blocked {
            throw StrataError(
                .lintFailed,
                "\(report.errorCount) lint finding\(report.errorCount == 1 ? "" : "s") of error severity in pending "
                    + "migrations, and --enforce-lint is on",
                hint: "fix them, suppress with '-- strata:nolint rule-id', or run without --enforce-lint")
        }
    }

    /// What `migrate` prints for `report`: the findings (every one with `verbose`, the blocking ones when
    /// enforcement stops the run) in `strata lint`'s words, then one summary line.
    static func lines(
        for report: LintReport, enforce: Bool, verbose: Bool, formatter: TextLintFormatter = TextLintFormatter()
    ) -> [String] {
        guard !report.findings.isEmpty else { return [] }
        let blocked = enforce && report.hasErrors
        var lines: [String] = []
        if verbose {
            lines = report.findings.map(formatter.headline)
        } else if blocked {
            lines = report.findings.filter { $0.severity == .error }.map(formatter.headline)
        }
        lines.append(summary(report, enforce: enforce, verbose: verbose))
        return lines
    }

    /// `lint: 2 errors, 1 warning in 3 pending files; run 'strata lint' for details; …`.
    static func summary(_ report: LintReport, enforce: Bool, verbose: Bool) -> String {
        var counts: [String] = []
        func add(_ count: Int, _ noun: String) {
            if count > 0 { counts.append("\(count) \(noun)\(count == 1 ? "" : "s")") }
        }
        add(report.errorCount, "error")
        add(report.warningCount, "warning")
        add(report.noteCount, "note")
        let files = "\(report.fileCount) pending file\(report.fileCount == 1 ? "" : "s")"
        var line = "lint: \(counts.joined(separator: ", ")) in \(files)"
        if !verbose { line += "; run 'strata lint' for details" }
        if report.hasErrors && !enforce { line += "; errors stop 'migrate' only with --enforce-lint" }
        return line
    }
}
