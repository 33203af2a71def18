/// A `-- strata:NAME ARGUMENTS` comment line, such as `-- strata:up` or `-- strata:lock-timeout 5s`.
///
/// The name follows `strata:` directly (no space) and is made of letters, digits, `-` and `_`; it is returned
/// lowercased. Everything after it on the line is the arguments, trimmed. Whether a name and its arguments
/// mean something is for the caller to decide.
public struct SQLDirective: Sendable, Hashable {
    /// The directive's name, e.g. `up`, `down`, `verify`, `no-transaction`, `lock-timeout`, `require`,
    /// `nolint`, `seed-tables`.
    public var name: String
    /// The rest of the line, trimmed: `5s`, `extension=vector else=skip`, `rule-a,rule-b`, or empty.
    public var arguments: String
    /// Where the directive's comment starts.
    public var position: SourcePosition

    /// Creates a directive.
    public init(name: String, arguments: String, position: SourcePosition) {
        self.name = name
        self.arguments = arguments
        self.position = position
    }

    /// The directive in a `--` comment token, or nil if the comment is not a strata directive (block comments
    /// never are).
    public static func parse(comment: Token) -> SQLDirective? {
        guard comment.kind == .lineComment else { return nil }
        return parse(line: comment.text, position: comment.start)
    }

    /// The directive on a line of text (leading spaces and tabs allowed), or nil if the line is not a strata
    /// directive. `position` is reported as the directive's position.
    public static func parse(line: String, position: SourcePosition) -> SQLDirective? {
        var rest = Substring(line).drop { $0 == " " || $0 == "\t" }
        guard rest.hasPrefix("--") else { return nil }
        rest = rest.dropFirst(2).drop { $0 == " " || $0 == "\t" }
        let prefix = "strata:"
        guard rest.utf8.count > prefix.utf8.count,
            rest.prefix(prefix.count).lowercased() == prefix
        else { return nil }
        rest = rest.dropFirst(prefix.count)
        let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        guard !name.isEmpty else { return nil }
        let arguments = rest.dropFirst(name.count).trimmingWhitespace()
        return SQLDirective(name: name.lowercased(), arguments: String(arguments), position: position)
    }
}

extension Substring {
    /// The substring without leading and trailing whitespace (spaces, tabs, line breaks).
    fileprivate func trimmingWhitespace() -> Substring {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
            let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return self[first...last]
    }
}
