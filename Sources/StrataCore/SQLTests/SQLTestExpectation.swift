import Foundation

/// What a test says the statement after `-- strata:expect` must do.
public enum SQLTestExpectation: Sendable, Hashable, CustomStringConvertible {
    /// `rows N`: the statement returns N rows, or for INSERT/UPDATE/DELETE without RETURNING, changes N rows.
    case rows(Int)
    /// `value X`: the first column of the first row, as text, is X (`NULL` for a null; `'…'` quotes keep spaces).
    case value(String)
    /// `error SQLSTATE`: the statement fails with this SQLSTATE (e.g. 42501 for a denied permission); the test
    /// goes on after it.
    case error(String)

    /// `rows 2`, `value 42`, `error 42501`.
    public var description: String {
        switch self {
        case .rows(let count): return "rows \(count)"
        case .value(let text): return "value \(text)"
        case .error(let state): return "error \(state)"
        }
    }

    /// Parses the arguments of an `expect` directive; `nil` when they are none of the three forms.
    public static func parse(_ arguments: String) -> SQLTestExpectation? {
        let trimmed = arguments.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return nil }
        let kind = trimmed[..<space].lowercased()
        let rest = trimmed[space...].trimmingCharacters(in: .whitespaces)
        switch kind {
        case "rows":
            guard let count = Int(rest), count >= 0 else { return nil }
            return .rows(count)
        case "value":
            guard !rest.isEmpty else { return nil }
            if rest.count >= 2, rest.hasPrefix("'"), rest.hasSuffix("'") {
                return .value(String(rest.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'"))
            }
            return .value(rest)
        case "error":
            let state = rest.uppercased()
            guard state.count == 5, state.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
            return .error(state)
        default:
            return nil
        }
    }
}
