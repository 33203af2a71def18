import Foundation

/// A PostgreSQL duration setting such as `5s`, `500ms`, `30min`, `1h` or `0` (no limit), validated so it can be
/// sent in a `SET` statement without quoting surprises.
public struct TimeoutValue: Sendable, Hashable, CustomStringConvertible {
    /// The number of milliseconds.
    public let milliseconds: Int

    /// The accepted units, as PostgreSQL spells them.
    static let units: [(suffix: String, factor: Int)] = [
        ("ms", 1), ("s", 1_000), ("min", 60_000), ("h", 3_600_000), ("d", 86_400_000),
    ]

    /// Creates a value from milliseconds.
    public init(milliseconds: Int) { self.milliseconds = max(0, milliseconds) }

    /// Parses `NUMBER[UNIT]` with an optional space (`5s`, `5 s`, `250ms`, `30min`, `2h`, `1d`); a bare number is
    /// milliseconds, as in PostgreSQL. `nil` when the text is anything else.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, let number = Int(digits) else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        if unit.isEmpty {
            guard number <= Int(Int32.max) else { return nil }
            self.milliseconds = number
            return
        }
        guard let factor = Self.units.first(where: { $0.suffix == unit })?.factor else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: factor)
        guard !overflow, product <= Int(Int32.max) else { return nil }
        self.milliseconds = product
    }

    /// The value as PostgreSQL reads it in `SET lock_timeout = '…'`, always in milliseconds.
    public var postgresLiteral: String { "\(milliseconds)ms" }

    /// A short human form: `5s`, `250ms`, `30min`.
    public var description: String {
        for (suffix, factor) in Self.units.reversed() where milliseconds >= factor && milliseconds % factor == 0 {
            return "\(milliseconds / factor)\(suffix)"
        }
        return "\(milliseconds)ms"
    }
}
