import Testing
@testable import StrataSQL

@Suite("Lexer: operators, numbers, positions")
struct LexerOperatorTests {
    @Test("casts, JSON and comparison operators are single tokens")
    func operators() throws {
        let tokens = try significantTokens("a::int ->> 'k' <> b >= c || d -> e @> f != g := h")
        let operators = tokens.filter { $0.0 == .operator }.map(\.1)
        #expect(operators == ["::", "->>", "<>", ">=", "||", "->", "@>", "!=", ":="])
    }

    @Test("a trailing minus after = belongs to the number, as in PostgreSQL")
    func trailingSign() throws {
        #expect(try significantTokens("a=-1").map(\.1) == ["a", "=", "-", "1"])
        #expect(try significantTokens("a @- b").map(\.1) == ["a", "@-", "b"])
    }

    @Test("an operator stops before a comment that follows it without a space")
    func operatorBeforeComment() throws {
        let tokens = try SQLLexer("a +-- comment\n1").tokenize().filter { $0.kind != .whitespace }
        #expect(tokens.map(\.text) == ["a", "+", "-- comment", "1"])
    }

    @Test("numbers in all forms; a dot between words is member access")
    func numbers() throws {
        let tokens = try significantTokens("42 3.14 .5 1. 1e10 2.5E-3 0x1F 0o17 0b101 1_000 a.b t.c")
        #expect(tokens.map(\.1) == [
            "42", "3.14", ".5", "1.", "1e10", "2.5E-3", "0x1F", "0o17", "0b101", "1_000",
            "a", ".", "b", "t", ".", "c",
        ])
        #expect(tokens.prefix(10).allSatisfy { $0.0 == .number })
        #expect(tokens[11].0 == .punctuation)
    }

    @Test("punctuation: brackets, comma, semicolon, colon")
    func punctuation() throws {
        let tokens = try significantTokens("a[1:2], (b);")
        #expect(tokens.map(\.1) == ["a", "[", "1", ":", "2", "]", ",", "(", "b", ")", ";"])
        #expect(tokens.filter { $0.0 == .punctuation }.count == 7)
    }

    @Test("positions: 1-based lines, columns in Unicode scalars, UTF-8 offsets")
    func positions() throws {
        let tokens = try SQLLexer("SELECT 'Привет',\n  номер, x").tokenize().filter { !$0.isTrivia }
        #expect(tokens.map(\.start) == [
            SourcePosition(offset: 0, line: 1, column: 1),
            SourcePosition(offset: 7, line: 1, column: 8),
            SourcePosition(offset: 21, line: 1, column: 16),
            SourcePosition(offset: 25, line: 2, column: 3),
            SourcePosition(offset: 35, line: 2, column: 8),
            SourcePosition(offset: 37, line: 2, column: 10),
        ])
        #expect(tokens[1].endOffset == 21)
    }

    @Test("CRLF and lone CR end lines; a byte order mark takes no column")
    func lineEndings() throws {
        let tokens = try SQLLexer("\u{FEFF}a\r\nb\rc").tokenize()
        #expect(tokens.first?.kind == .whitespace)
        let words = tokens.filter { $0.kind == .word }
        #expect(words.map(\.start) == [
            SourcePosition(offset: 3, line: 1, column: 1),
            SourcePosition(offset: 6, line: 2, column: 1),
            SourcePosition(offset: 8, line: 3, column: 1),
        ])
    }

    @Test("a lexer with an origin reports file positions")
    func origin() throws {
        let origin = SourcePosition(offset: 100, line: 7, column: 5)
        let tokens = try SQLLexer("a\n b", origin: origin).tokenize().filter { !$0.isTrivia }
        #expect(tokens.map(\.start) == [
            SourcePosition(offset: 100, line: 7, column: 5),
            SourcePosition(offset: 103, line: 8, column: 2),
        ])
    }
}
