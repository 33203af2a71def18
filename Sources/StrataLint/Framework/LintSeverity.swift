/// How serious a finding is. An `error` fails `strata lint` (exit code 6) and, with lint enforcement on, stops
/// `strata migrate`; a `warning` is reported and nothing more; a `note` says something about the lint run itself
/// (a statement it could not read), not about the migration's safety.
public enum LintSeverity: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    /// Information about the lint run, never blocking.
    case note
    /// Reported, never blocking.
    case warning
    /// Blocking: the lint run fails.
    case error

    /// Orders `note` before `warning` before `error`.
    public static func < (lhs: LintSeverity, rhs: LintSeverity) -> Bool {
        rank(lhs) < rank(rhs)
    }

    private static func rank(_ severity: LintSeverity) -> Int {
        switch severity {
        case .note: return 0
        case .warning: return 1
        case .error: return 2
        }
    }
}
