import StrataSQL

/// A contiguous part of a statement's significant tokens: an `ALTER TABLE` action, a column definition, the
/// expression after `DEFAULT`. It has every helper of `TokenPatternMatching`; its indices are the statement's.
package struct TokenSpan: Sendable, Hashable, TokenPatternMatching {
    /// All significant tokens of the statement (shared, not copied).
    package let tokens: [Token]
    /// The part of `tokens` this span covers.
    package let range: Range<Int>
    /// The statement's SQL text.
    package let statementText: String
    /// The file offset where `statementText` starts.
    package let statementTextOffset: Int

    /// Creates a span; usually obtained from `span(_:)`, `splitTopLevel(on:)` or `parenthesized(at:)`.
    package init(tokens: [Token], range: Range<Int>, statementText: String, statementTextOffset: Int) {
        self.tokens = tokens
        self.range = range
        self.statementText = statementText
        self.statementTextOffset = statementTextOffset
    }
}
