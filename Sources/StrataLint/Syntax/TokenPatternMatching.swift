import StrataSQL

/// A run of significant tokens that rules match against: a whole `LintStatement` or a `TokenSpan` inside one.
///
/// Indices are indices into `tokens` (the statement's significant tokens), so an index found in a span can be used
/// on its statement, e.g. to point a violation at it. Helpers never look outside `range`.
///
/// A pattern element such as `"create"` or `"not"` is a keyword: it matches a `.word` token whose normalized (lower
/// case) text is equal, never a quoted identifier or a string. An element that does not start with a letter or `_`
/// (`"("`, `","`, `"::"`, `"="`) matches a punctuation or operator token with exactly that text.
/// Keywords are written in lower case.
package protocol TokenPatternMatching {
    /// All significant tokens of the statement.
    var tokens: [Token] { get }
    /// The indices of `tokens` this value covers.
    var range: Range<Int> { get }
    /// The statement's SQL text, used to quote parts of it in messages.
    var statementText: String { get }
    /// The file offset (UTF-8) where `statementText` starts.
    var statementTextOffset: Int { get }
}

extension LintStatement {
    /// The statement's text.
    package var statementText: String { statement.text }
    /// The file offset where the text starts.
    package var statementTextOffset: Int { statement.start.offset }
}

extension TokenPatternMatching {
    // MARK: Single tokens

    /// The index of the first token covered.
    package var startIndex: Int { range.lowerBound }
    /// One past the last token covered.
    package var endIndex: Int { range.upperBound }
    /// True when no token is covered.
    package var isEmpty: Bool { range.isEmpty }
    /// The number of tokens covered.
    package var count: Int { range.count }
    /// All covered tokens as a span.
    package var span: TokenSpan { span(range) }

    /// The token at `index`, or nil when `index` is outside `range`.
    package func token(at index: Int) -> Token? {
        range.contains(index) ? tokens[index] : nil
    }

    /// The lower-case keyword at `index`, or nil when that token is not a plain word (or is outside `range`).
    package func word(at index: Int) -> String? {
        guard range.contains(index), tokens[index].kind == .word else { return nil }
        return tokens[index].normalized
    }

    /// The identifier at `index` as PostgreSQL resolves it: a word folded to lower case or a quoted identifier's
    /// exact content. Nil for any other token.
    package func identifier(at index: Int) -> String? {
        guard range.contains(index) else { return nil }
        let token = tokens[index]
        switch token.kind {
        case .word, .quotedIdentifier: return token.normalized
        default: return nil
        }
    }

    /// True when the token at `index` matches the pattern element (see the type's documentation).
    package func matches(_ element: String, at index: Int) -> Bool {
        guard range.contains(index) else { return false }
        return Self.token(tokens[index], matches: element)
    }

    /// True when the token at `index` is the keyword `keyword`.
    package func isWord(_ keyword: String, at index: Int) -> Bool {
        guard range.contains(index) else { return false }
        let token = tokens[index]
        return token.kind == .word && token.normalized == keyword
    }

    /// True when the token at `index` is the punctuation or operator `symbol` (`"("`, `","`, `"::"`).
    package func isSymbol(_ symbol: String, at index: Int) -> Bool {
        guard range.contains(index) else { return false }
        let token = tokens[index]
        return (token.kind == .punctuation || token.kind == .operator) && token.text == symbol
    }

    // MARK: Sequences

    /// True when the tokens starting at `index` match `pattern` element by element.
    package func matches(_ pattern: [String], at index: Int) -> Bool {
        guard index >= range.lowerBound, index + pattern.count <= range.upperBound else { return false }
        var position = index
        for element in pattern {
            guard Self.token(tokens[position], matches: element) else { return false }
            position += 1
        }
        return true
    }

    /// True when the covered tokens begin with `pattern`: `statement.starts(with: "create", "index")`.
    package func starts(with pattern: String...) -> Bool {
        matches(pattern, at: range.lowerBound)
    }

    /// True when the covered tokens begin with `pattern`.
    package func starts(with pattern: [String]) -> Bool {
        matches(pattern, at: range.lowerBound)
    }

    /// True when `pattern` occurs anywhere, at any parenthesis depth: `statement.contains(sequence: "not", "null")`.
    package func contains(sequence pattern: String...) -> Bool {
        firstIndex(of: pattern) != nil
    }

    /// True when `pattern` occurs outside all parentheses and brackets of the covered tokens.
    package func containsTopLevel(sequence pattern: String...) -> Bool {
        firstIndex(of: pattern, topLevelOnly: true) != nil
    }

    /// True when the keyword occurs anywhere.
    package func contains(word keyword: String) -> Bool {
        for index in range where tokens[index].kind == .word && tokens[index].normalized == keyword { return true }
        return false
    }

    /// The index where `pattern` first occurs at or after `start` (default: the first token), or nil.
    /// With `topLevelOnly`, occurrences inside parentheses or brackets are skipped.
    package func firstIndex(of pattern: [String], from start: Int? = nil, topLevelOnly: Bool = false) -> Int? {
        guard let first = pattern.first else { return nil }
        var depth = 0
        var index = max(start ?? range.lowerBound, range.lowerBound)
        // Depth is counted from the span's start so a `from` inside parentheses is still measured correctly.
        if topLevelOnly { depth = self.depth(at: index) }
        while index < range.upperBound {
            let token = tokens[index]
            if depth == 0, Self.token(token, matches: first), matches(pattern, at: index) { return index }
            if topLevelOnly {
                if Self.isOpening(token) { depth += 1 } else if Self.isClosing(token) { depth -= 1 }
            }
            index += 1
        }
        return nil
    }

    /// The index where `pattern` first occurs, or nil: `statement.firstIndex(of: "default")`.
    package func firstIndex(of pattern: String...) -> Int? {
        firstIndex(of: pattern)
    }

    // MARK: Parentheses

    /// The parenthesis/bracket depth just before `index`, counted from the first covered token.
    package func depth(at index: Int) -> Int {
        var depth = 0
        var position = range.lowerBound
        while position < min(index, range.upperBound) {
            if Self.isOpening(tokens[position]) { depth += 1 } else if Self.isClosing(tokens[position]) { depth -= 1 }
            position += 1
        }
        return depth
    }

    /// The index of the `)` or `]` closing the `(` or `[` at `index`, or nil when there is none inside `range`.
    package func closingIndex(forOpeningAt index: Int) -> Int? {
        guard let token = token(at: index), Self.isOpening(token) else { return nil }
        var depth = 0
        var position = index
        while position < range.upperBound {
            let current = tokens[position]
            if Self.isOpening(current) {
                depth += 1
            } else if Self.isClosing(current) {
                depth -= 1
                if depth == 0 { return position }
            }
            position += 1
        }
        return nil
    }

    /// The tokens inside the parentheses opening at `index` (without the parentheses), or nil when there is no
    /// `(` there or it is not closed.
    package func parenthesized(at index: Int) -> TokenSpan? {
        guard isSymbol("(", at: index), let closing = closingIndex(forOpeningAt: index) else { return nil }
        return span((index + 1)..<closing)
    }

    /// The covered tokens cut at every top-level `separator` (default `,`), separators dropped; empty parts are kept
    /// so positions stay meaningful. `ALTER TABLE t ADD a int, DROP b` → actions; `(a int, b text)` → columns.
    package func splitTopLevel(on separator: String = ",") -> [TokenSpan] {
        var parts: [TokenSpan] = []
        var depth = 0
        var partStart = range.lowerBound
        for index in range {
            let token = tokens[index]
            if Self.isOpening(token) {
                depth += 1
            } else if Self.isClosing(token) {
                depth -= 1
            } else if depth == 0, Self.token(token, matches: separator) {
                parts.append(span(partStart..<index))
                partStart = index + 1
            }
        }
        if !range.isEmpty { parts.append(span(partStart..<range.upperBound)) }
        return parts
    }

    // MARK: Sub-spans and cursors

    /// The tokens in `subrange` (clamped to `range`) as a span of the same statement.
    package func span(_ subrange: Range<Int>) -> TokenSpan {
        let lower = min(max(subrange.lowerBound, range.lowerBound), range.upperBound)
        let upper = min(max(subrange.upperBound, lower), range.upperBound)
        return TokenSpan(
            tokens: tokens, range: lower..<upper, statementText: statementText, statementTextOffset: statementTextOffset)
    }

    /// The covered tokens from `index` to the end.
    package func span(from index: Int) -> TokenSpan {
        span(index..<range.upperBound)
    }

    /// A cursor for reading the covered tokens left to right, at `index` (default: the first token).
    package func cursor(at index: Int? = nil) -> TokenCursor {
        TokenCursor(span: span, index: index ?? range.lowerBound)
    }

    // MARK: Text

    /// The SQL text of the covered tokens exactly as written (comments between them included), for messages.
    package var sourceText: String { sourceText(of: range) }

    /// The SQL text from the first to the last token of `subrange`, exactly as written.
    package func sourceText(of subrange: Range<Int>) -> String {
        let lower = max(subrange.lowerBound, range.lowerBound)
        let upper = min(subrange.upperBound, range.upperBound)
        guard lower < upper else { return "" }
        let utf8 = statementText.utf8
        let from = tokens[lower].start.offset - statementTextOffset
        let to = tokens[upper - 1].endOffset - statementTextOffset
        guard from >= 0, from <= to, to <= utf8.count else {
            return tokens[lower..<upper].map(\.text).joined(separator: " ")
        }
        let start = utf8.index(utf8.startIndex, offsetBy: from)
        let end = utf8.index(start, offsetBy: to - from)
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    // MARK: Token classes

    /// True when `token` matches the pattern element (see the type's documentation).
    package static func token(_ token: Token, matches element: String) -> Bool {
        if isKeywordElement(element) {
            return token.kind == .word && token.normalized == element
        }
        return (token.kind == .punctuation || token.kind == .operator) && token.text == element
    }

    /// True for `(` and `[`.
    package static func isOpening(_ token: Token) -> Bool {
        token.kind == .punctuation && (token.text == "(" || token.text == "[")
    }

    /// True for `)` and `]`.
    package static func isClosing(_ token: Token) -> Bool {
        token.kind == .punctuation && (token.text == ")" || token.text == "]")
    }

    private static func isKeywordElement(_ element: String) -> Bool {
        guard let first = element.utf8.first else { return false }
        return (first >= 0x61 && first <= 0x7A) || (first >= 0x41 && first <= 0x5A) || first == 0x5F
    }
}
