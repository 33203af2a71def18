import PostgresNIO
import StrataCore

/// What a pgTAP script printed: `ok` / `not ok` lines, the plan, and `#` diagnostics.
struct TAPOutput {
    var passed = 0
    var failed: [String] = []
    var diagnostics: [String] = []
    var planned: Int?
    var firstFailureLocation: FileLocation?

    /// Reads the text rows a pgTAP function returned.
    mutating func read(_ rows: [PostgresRow], at location: FileLocation) {
        for row in rows {
            guard let cell = row.first(where: { _ in true }), cell.dataType == .text,
                let text = try? cell.decode(String.self)
            else { continue }
            for line in text.split(separator: "\n").map(String.init) {
                if line.hasPrefix("not ok") {
                    if failed.isEmpty { firstFailureLocation = location }
                    failed.append(line)
                } else if line.hasPrefix("ok") {
                    passed += 1
                } else if line.hasPrefix("1..") {
                    planned = Int(line.dropFirst(3))
                } else if line.hasPrefix("#") {
                    diagnostics.append(line)
                }
            }
        }
    }

    /// The test's failure: the first `not ok` line, or a plan that was not met.
    func failure(path: String) -> SQLTestFailure? {
        let location = FileLocation(path: path, line: 1)
        if let first = failed.first {
            return SQLTestFailure(
                message: "pgTAP: \(failed.count) of \(failed.count + passed) assertions failed; first: \(first)",
                location: firstFailureLocation ?? location, expected: "ok", actual: first, detail: diagnostics.joined(separator: "\n"))
        }
        if let planned, planned != passed {
            return SQLTestFailure(
                message: "pgTAP: planned \(planned) assertions, ran \(passed)", location: location,
                expected: "\(planned) assertions", actual: "\(passed) assertions")
        }
        return nil
    }
}
