/// The lines two schema texts do not share, for messages: what a down section left behind (`added`: in the
/// schema after up and down but not before) and what it removed too much (`removed`). Line order is ignored;
/// repeated lines count as often as they occur. Blank lines and `--` comment lines are ignored.
public struct SchemaTextDifference: Sendable, Equatable {
    /// Lines only in the first text.
    public var removed: [String]
    /// Lines only in the second text.
    public var added: [String]

    /// Whether the texts have the same lines.
    public var isEmpty: Bool { removed.isEmpty && added.isEmpty }

    /// The difference from `before` to `after`.
    public init(before: String, after: String) {
        func counted(_ text: String) -> [String: Int] {
            var counts: [String: Int] = [:]
            for line in text.split(separator: "\n") where !line.hasPrefix("--") {
                counts[String(line), default: 0] += 1
            }
            return counts
        }
        let old = counted(before)
        let new = counted(after)
        func only(_ lines: String, _ mine: [String: Int], _ other: [String: Int]) -> [String] {
            var result: [String] = []
            var left = mine
            for line in lines.split(separator: "\n").map(String.init) where !line.hasPrefix("--") {
                guard let count = left[line], count > (other[line] ?? 0) else { continue }
                left[line] = count - 1
                result.append(line)
            }
            return result
        }
        removed = only(before, old, new)
        added = only(after, new, old)
    }

    /// `+ line` for each added line, `- line` for each removed one, at most `limit` lines in all.
    public func rendered(limit: Int = 30) -> String {
        let lines = added.map { "+ " + $0 } + removed.map { "- " + $0 }
        var text = lines.prefix(limit).joined(separator: "\n")
        if lines.count > limit { text += "\n… and \(lines.count - limit) more" }
        return text
    }
}
