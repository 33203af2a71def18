import StrataCore

/// One line per test (`ok` / `FAIL` with its file:line), the failure's place, expected and actual values, and a
/// last line `N passed, N failed`.
struct TextTestReporter: TestReporter {
    let quiet: Bool
    let color: Bool

    func start(total: Int) -> String? { nil }

    func report(_ result: SQLTestResult, index: Int) -> String? {
        guard let failure = result.failure else {
            if quiet { return nil }
            return Style.green.apply("ok  ", enabled: color) + "  \(result.name) "
                + Style.dim.apply("(\(result.location), \(result.checks) check\(result.checks == 1 ? "" : "s"), \(result.milliseconds) ms)", enabled: color)
        }
        var lines = [Style.red.apply("FAIL", enabled: color) + "  \(result.name) (\(result.location))"]
        lines.append("      \(failure.location): \(failure.message)")
        if let expected = failure.expected { lines.append("      expected: \(expected)") }
        if let actual = failure.actual { lines.append("      actual:   \(actual)") }
        if let detail = failure.detail, !detail.isEmpty {
            for line in detail.split(separator: "\n") { lines.append("      \(line)") }
        }
        return lines.joined(separator: "\n")
    }

    func finish(_ results: [SQLTestResult]) -> String {
        let line = results.countLine
        let failed = results.contains { !$0.passed }
        return "\n" + (failed ? Style.red : Style.green).apply(line, enabled: color)
    }
}
