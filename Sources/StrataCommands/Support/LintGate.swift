import StrataCore
import StrataLint

/// Lints the files `migrate` is about to run: findings are printed as one-line warnings on standard error, and with
/// enforcement an error-severity finding stops the run before anything is applied (exit 6).
enum LintGate {
    static func check(_ pending: [Migration], with adapter: LintAdapter, enforce: Bool, quiet: Bool) throws(StrataError) {
        guard !pending.isEmpty else { return }
        let report = try adapter.lint(pending)
        if !quiet || (enforce && report.hasErrors) {
            let color = Console.standardError.supportsColor
            let shown = 20
            for finding in report.findings.prefix(shown) {
                let label = finding.severity == .error && enforce
                    ? Style.red.apply("lint error:", enabled: color) : Style.yellow.apply("lint warning:", enabled: color)
                Console.standardError.write(
                    "\(label) \(finding.path):\(finding.line):\(finding.column): \(finding.message) [\(finding.ruleID)]")
            }
            if report.findings.count > shown {
                Console.standardError.write(
                    "lint: \(report.findings.count - shown) more finding(s) not shown; 'strata lint' lists them all")
            }
        }
        if enforce && report.hasErrors {
            throw StrataError(
                .lintFailed, "\(report.errorCount) lint finding\(report.errorCount == 1 ? "" : "s") of error severity in pending migrations",
                hint: "fix them, suppress with '-- strata:nolint rule-id', or run without --enforce-lint")
        }
    }
}
