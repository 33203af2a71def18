@testable import StrataSQL

/// Significant tokens of `sql` as (kind, text) pairs, the way a reader checks a lexer.
func significantTokens(_ sql: String) throws -> [(TokenKind, String)] {
    try SQLLexer(sql).tokenize().filter { !$0.isTrivia }.map { ($0.kind, $0.text) }
}

/// The error that splitting `sql` throws, or nil.
func splitError(_ sql: String) -> SQLSyntaxError? {
    do {
        _ = try StatementSplitter.split(sql)
        return nil
    } catch {
        return error
    }
}

/// UTF-8 offset of the first occurrence of `needle` in `text`, found without the lexer.
func utf8Offset(of needle: String, in text: String) -> Int? {
    let haystack = Array(text.utf8)
    let pattern = Array(needle.utf8)
    guard !pattern.isEmpty, haystack.count >= pattern.count else { return nil }
    for start in 0...(haystack.count - pattern.count) where haystack[start..<(start + pattern.count)].elementsEqual(pattern) {
        return start
    }
    return nil
}

/// The error that decoding `bytes` throws, or nil.
func decodeError(_ bytes: [UInt8]) -> SQLSyntaxError? {
    do {
        _ = try SQLText.decode(bytes)
        return nil
    } catch {
        return error
    }
}
