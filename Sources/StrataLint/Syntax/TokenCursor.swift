import StrataSQL

/// Reads a span left to right, the way a rule reads a statement's grammar:
///
/// ```swift
/// var cursor = statement.cursor()
/// guard cursor.skip("create") else { return nil }
/// cursor.skip("unique")
/// guard cursor.skip("index") else { return nil }
/// let concurrently = cursor.skip("concurrently")
/// cursor.skip("if", "not", "exists")
/// ```
///
/// Pattern elements follow `TokenPatternMatching`'s rules (lower-case keywords, symbols as written).
package struct TokenCursor: Sendable, Hashable {
    /// The span being read.
    package let span: TokenSpan
    /// The index (into the statement's significant tokens) of the next token to read.
    package private(set) var index: Int

    /// Creates a cursor at `index` of `span`.
    package init(span: TokenSpan, index: Int) {
        self.span = span
        self.index = min(max(index, span.range.lowerBound), span.range.upperBound)
    }

    /// True when every token has been read.
    package var isAtEnd: Bool { index >= span.range.upperBound }
    /// The next token, or nil at the end.
    package var token: Token? { span.token(at: index) }
    /// The next token's lower-case keyword, or nil when it is not a plain word.
    package var word: String? { span.word(at: index) }
    /// The tokens not read yet.
    package var rest: TokenSpan { span.span(from: index) }

    /// True when the next tokens match `pattern`, without reading them.
    package func isAt(_ pattern: String...) -> Bool {
        span.matches(pattern, at: index)
    }

    /// Reads `pattern` when the next tokens match it entirely and returns true; otherwise reads nothing and returns
    /// false. `cursor.skip("if", "not", "exists")` reads the optional clause.
    @discardableResult
    package mutating func skip(_ pattern: String...) -> Bool {
        guard span.matches(pattern, at: index) else { return false }
        index += pattern.count
        return true
    }

    /// Reads one token when it matches one of `alternatives` and returns that alternative; otherwise nil.
    @discardableResult
    package mutating func skip(anyOf alternatives: String...) -> String? {
        for alternative in alternatives where span.matches(alternative, at: index) {
            index += 1
            return alternative
        }
        return nil
    }

    /// Reads `count` tokens (fewer at the end).
    package mutating func advance(by count: Int = 1) {
        index = min(index + count, span.range.upperBound)
    }

    /// Moves to `newIndex`, clamped to the span.
    package mutating func move(to newIndex: Int) {
        index = min(max(newIndex, span.range.lowerBound), span.range.upperBound)
    }

    /// Reads one identifier (a word folded to lower case, or a quoted identifier) and returns it; nil otherwise.
    package mutating func readIdentifier() -> String? {
        guard let identifier = span.identifier(at: index) else { return nil }
        index += 1
        return identifier
    }

    /// Reads a possibly qualified name (`users`, `public.users`, `"Odd"."Name"`, `db.schema.table`) and returns it;
    /// nil (reading nothing) when the next token is not an identifier.
    package mutating func readName() -> LintObjectName? {
        let first = index
        guard var last = span.identifier(at: index) else { return nil }
        var parts = [last]
        var position = index + 1
        while span.isSymbol(".", at: position), let next = span.identifier(at: position + 1) {
            parts.append(next)
            last = next
            position += 2
        }
        index = position
        let schema = parts.count >= 2 ? parts[parts.count - 2] : nil
        return LintObjectName(schema: schema, name: last, tokenIndex: first)
    }

    /// Reads a parenthesized group and returns the tokens inside it; nil (reading nothing) when the next token is
    /// not a `(` or it is never closed.
    package mutating func readParenthesized() -> TokenSpan? {
        guard let inner = span.parenthesized(at: index) else { return nil }
        index = inner.range.upperBound + 1
        return inner
    }

    /// Reads up to (not including) the first top-level occurrence of `pattern` and returns what was read; at the
    /// end when `pattern` does not occur.
    @discardableResult
    package mutating func read(until pattern: String...) -> TokenSpan {
        let start = index
        let stop = span.firstIndex(of: pattern, from: index, topLevelOnly: true) ?? span.range.upperBound
        index = stop
        return span.span(start..<stop)
    }
}
