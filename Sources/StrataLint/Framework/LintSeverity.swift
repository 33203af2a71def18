/// How serious a finding is. An `error` fails `strata lint` (exit code 6) and, with lint enforcement on, stops
/// `strata migrate`; a `warning` is reported and nothing more.
public enum LintSeverity: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    /// Reported, never blocking.
    case warning
    /// Blocking: the lint run fails.
    case error

    /// Orders `warning` before `error`.
    public static func < (lhs: LintSeverity, rhs: LintSeverity) -> Bool {
        lhs == .warning && rhs == .error
    }
}
