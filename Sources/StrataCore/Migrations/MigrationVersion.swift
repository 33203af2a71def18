/// A migration's version: one or more numeric parts (`20251102120000`, or Flyway's `1.2.3`), compared part by part
/// as numbers, so `2` < `10` and `1.2` < `1.10`. Leading zeros do not matter for ordering (`001` == `1`).
public struct MigrationVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The version as written in the file name, e.g. `0001` or `2.0.3`.
    public let rawValue: String
    /// The numeric parts without leading zeros (`"0"` for zero).
    public let parts: [String]

    /// Parses a version made of digit groups separated by `.`; `nil` when `text` is not such a version.
    public init?(_ text: String) {
        guard !text.isEmpty else { return nil }
        var parts: [String] = []
        for piece in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard !piece.isEmpty, piece.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            let trimmed = piece.drop(while: { $0 == "0" })
            parts.append(trimmed.isEmpty ? "0" : String(trimmed))
        }
        self.rawValue = text
        self.parts = parts
    }

    /// Version `0`, which sorts before every migration (`rollback --to 0` reverts all).
    public static let zero = MigrationVersion(rawValue: "0", parts: ["0"])

    private init(rawValue: String, parts: [String]) {
        self.rawValue = rawValue
        self.parts = parts
    }

    /// The version as written.
    public var description: String { rawValue }

    /// Two versions are equal when their numeric parts are (trailing `.0` parts are insignificant: `1.0` == `1`).
    /// Equal when the numeric parts are equal.
    public static func == (lhs: MigrationVersion, rhs: MigrationVersion) -> Bool {
        compare(lhs.parts, rhs.parts) == 0
    }

    /// Hashes the significant numeric parts, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        var significant = parts
        while significant.count > 1, significant.last == "0" { significant.removeLast() }
        hasher.combine(significant)
    }

    /// Orders part by part, numerically.
    public static func < (lhs: MigrationVersion, rhs: MigrationVersion) -> Bool {
        compare(lhs.parts, rhs.parts) < 0
    }

    private static func compare(_ lhs: [String], _ rhs: [String]) -> Int {
        let count = max(lhs.count, rhs.count)
        for index in 0..<count {
            let left = index < lhs.count ? lhs[index] : "0"
            let right = index < rhs.count ? rhs[index] : "0"
            if left.utf8.count != right.utf8.count { return left.utf8.count < right.utf8.count ? -1 : 1 }
            if left != right { return left < right ? -1 : 1 }
        }
        return 0
    }
}
