import Foundation
import StrataCore

/// JUnit XML, one `<testsuite>` per file and one `<testcase>` per test; a failure carries its message (with
/// expected and actual values) and file:line. Printed at the end.
struct JUnitTestReporter: TestReporter {
    func start(total: Int) -> String? { nil }

    func report(_ result: SQLTestResult, index: Int) -> String? { nil }

    func finish(_ results: [SQLTestResult]) -> String {
        var paths: [String] = []
        for result in results where !paths.contains(result.location.path) { paths.append(result.location.path) }
        let failures = results.filter { !$0.passed }.count
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<testsuites name=\"strata\" tests=\"\(results.count)\" failures=\"\(failures)\" time=\"\(seconds(results))\">",
        ]
        for path in paths {
            let suite = results.filter { $0.location.path == path }
            lines.append("  <testsuite name=\(attribute(path)) tests=\"\(suite.count)\" failures=\"\(suite.filter { !$0.passed }.count)\" "
                + "errors=\"0\" skipped=\"0\" time=\"\(seconds(suite))\">")
            for result in suite {
                let head = "    <testcase name=\(attribute(result.name)) classname=\(attribute(path)) file=\(attribute(path)) "
                    + "line=\"\(result.location.line)\" time=\"\(seconds([result]))\""
                guard let failure = result.failure else {
                    lines.append(head + "/>")
                    continue
                }
                lines.append(head + ">")
                var body = "\(failure.location): \(failure.message)"
                if let expected = failure.expected { body += "\nexpected: \(expected)" }
                if let actual = failure.actual { body += "\nactual: \(actual)" }
                if let detail = failure.detail, !detail.isEmpty { body += "\n\(detail)" }
                lines.append("      <failure message=\(attribute(failure.message)) type=\(attribute(failure.expected ?? "error"))>"
                    + escape(body) + "</failure>")
                lines.append("    </testcase>")
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n")
    }

    private func seconds(_ results: [SQLTestResult]) -> String {
        let milliseconds = results.reduce(0) { $0 + $1.milliseconds }
        return String(format: "%.3f", Double(milliseconds) / 1000)
    }

    private func attribute(_ text: String) -> String { "\"" + escape(text) + "\"" }

    private func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n", "\t": result.unicodeScalars.append(scalar)
            case let control where control.value < 0x20: result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
