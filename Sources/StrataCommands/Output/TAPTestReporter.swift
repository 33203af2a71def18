import StrataCore

/// TAP version 13: the plan, `ok N - name` / `not ok N - name` with a YAML block saying where, what was expected and
/// what came back, and a closing `# N passed, N failed` comment.
struct TAPTestReporter: TestReporter {
    func start(total: Int) -> String? { "TAP version 13\n1..\(total)" }

    func report(_ result: SQLTestResult, index: Int) -> String? {
        let name = result.name.replacingOccurrences(of: "#", with: "\\#")
        guard let failure = result.failure else { return "ok \(index) - \(name)" }
        var lines = ["not ok \(index) - \(name)", "  ---", "  message: \(yaml(failure.message))", "  at: \(yaml("\(failure.location)"))"]
        if let expected = failure.expected { lines.append("  expected: \(yaml(expected))") }
        if let actual = failure.actual { lines.append("  actual: \(yaml(actual))") }
        lines.append("  ...")
        return lines.joined(separator: "\n")
    }

    func finish(_ results: [SQLTestResult]) -> String { "# " + results.countLine }

    /// A double-quoted YAML scalar.
    private func yaml(_ text: String) -> String { StatusRendering.quote(text) }
}
