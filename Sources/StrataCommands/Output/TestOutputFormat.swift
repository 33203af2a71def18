import StrataCore

/// The formats of `strata test --format`.
enum TestOutputFormat: String, CaseIterable {
    case text, tap, junit

    /// The reporter for this format.
    func reporter(quiet: Bool, color: Bool) -> any TestReporter {
        switch self {
        case .text: return TextTestReporter(quiet: quiet, color: color)
        case .tap: return TAPTestReporter()
        case .junit: return JUnitTestReporter()
        }
    }
}

/// Turns test results into text, as they come (`report`) and at the end (`finish`).
protocol TestReporter {
    /// Text to print before the first test (`nil`: nothing).
    func start(total: Int) -> String?
    /// Text for one result, `index` counting from 1 (`nil`: nothing now).
    func report(_ result: SQLTestResult, index: Int) -> String?
    /// Text to print after the last test.
    func finish(_ results: [SQLTestResult]) -> String
}

extension Array where Element == SQLTestResult {
    /// `N passed, N failed`.
    var countLine: String {
        let failed = filter { !$0.passed }.count
        return "\(count - failed) passed, \(failed) failed"
    }
}
