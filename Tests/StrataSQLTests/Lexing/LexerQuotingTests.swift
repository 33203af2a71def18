import Testing
@testable import StrataSQL

@Suite("Lexer: quoting forms")
struct LexerQuotingTests {
    @Test("standard strings double their quotes and keep backslashes literal")
    func standardString() throws {
        let tokens = try significantTokens(#"SELECT 'it''s; -- no comment \', 1"#)
        #expect(tokens.map(\.0) == [.word, .string, .punctuation, .number])
        #expect(tokens[1].1 == #"'it''s; -- no comment \'"#)
    }

    @Test("E'' strings take backslash escapes, including \\' and \\\\")
    func extendedString() throws {
        let tokens = try significantTokens(#"SELECT E'a\'b; $$ c\\', e'x', 2"#)
        #expect(tokens.map(\.1) == ["SELECT", #"E'a\'b; $$ c\\'"#, ",", "e'x'", ",", "2"])
        #expect(tokens[1].0 == .string)
    }

    @Test("U&, B, X and N prefixes make one string token")
    func prefixedStrings() throws {
        let tokens = try significantTokens(#"SELECT U&'d\0061t', u&'x', B'1010', x'1F', N'national'"#)
        let strings = tokens.filter { $0.0 == .string }.map(\.1)
        #expect(strings == [#"U&'d\0061t'"#, "u&'x'", "B'1010'", "x'1F'", "N'national'"])
    }

    @Test("a word followed by a space and a string stays two tokens")
    func wordThenString() throws {
        let tokens = try significantTokens("SELECT e 'x', U& 'y'")
        #expect(tokens.map(\.0) == [.word, .word, .string, .punctuation, .word, .operator, .string])
    }

    @Test("quoted identifiers double their quotes; normalized is the name PostgreSQL sees")
    func quotedIdentifier() throws {
        let tokens = try SQLLexer(#"SELECT "Quo""ted;Name", U&"d\0061t\+000061", "Ünïcödé""#).tokenize()
        let identifiers = tokens.filter { $0.kind == .quotedIdentifier }
        #expect(identifiers.map(\.text) == [#""Quo""ted;Name""#, #"U&"d\0061t\+000061""#, #""Ünïcödé""#])
        #expect(identifiers.map(\.normalized) == [#"Quo"ted;Name"#, "data", "Ünïcödé"])
    }

    @Test("U&\"…\" identifiers decode surrogate pairs and doubled backslashes; an invalid escape keeps the raw name")
    func unicodeIdentifierEscapes() throws {
        let tokens = try SQLLexer(#"SELECT U&"\D83D\DE00\\x", U&"bad\00""#).tokenize().filter { $0.kind == .quotedIdentifier }
        #expect(tokens.map(\.normalized) == ["😀\\x", #"bad\00"#])
    }

    @Test("words are lowercased in normalized, only ASCII letters are folded")
    func wordNormalization() throws {
        let tokens = try SQLLexer("SeLeCt Заказы, _x9").tokenize().filter { $0.kind == .word }
        #expect(tokens.map(\.normalized) == ["select", "Заказы", "_x9"])
        #expect(tokens.map(\.text) == ["SeLeCt", "Заказы", "_x9"])
    }

    @Test("dollar quotes with tags, empty tags, and other tags nested inside")
    func dollarQuotes() throws {
        let sql = "SELECT $fn$ a; $$ b $inner$ c $inner$ $fn $fn$, $$x$$, $_1$y$_1$"
        let tokens = try significantTokens(sql)
        #expect(tokens.map(\.1) == ["SELECT", "$fn$ a; $$ b $inner$ c $inner$ $fn $fn$", ",", "$$x$$", ",", "$_1$y$_1$"])
        #expect(tokens.filter { $0.0 == .dollarString }.count == 3)
    }

    @Test("$1 is a parameter and a$b is one word, not a dollar quote")
    func parametersAndDollarWords() throws {
        let tokens = try significantTokens("SELECT $1, a$b$, $23::int FROM t WHERE x = $2")
        #expect(tokens.map(\.0) == [
            .word, .parameter, .punctuation, .word, .punctuation, .parameter, .operator, .word,
            .word, .word, .word, .word, .operator, .parameter,
        ])
        #expect(tokens[3].1 == "a$b$")
        #expect(tokens[5].1 == "$23")
    }

    @Test("-- comments stop before the line break; block comments nest")
    func comments() throws {
        let tokens = try SQLLexer("a -- one; 'x'\nb /* x /* y; */ z */ c").tokenize()
        let comments = tokens.filter(\.isComment)
        #expect(comments.map(\.kind) == [.lineComment, .blockComment])
        #expect(comments.map(\.text) == ["-- one; 'x'", "/* x /* y; */ z */"])
        #expect(tokens.filter { !$0.isTrivia }.map(\.text) == ["a", "b", "c"])
    }

    @Test("the tokens put back together are the input, byte for byte")
    func roundTrip() throws {
        let sql = "SELECT 'ж' || E'\\n' /* c */ -- d\r\nFROM \"t\" WHERE a->>'k' <> $1;\n"
        let tokens = try SQLLexer(sql).tokenize()
        #expect(tokens.map(\.text).joined() == sql)
        for (previous, next) in zip(tokens, tokens.dropFirst()) {
            #expect(previous.endOffset == next.start.offset)
        }
    }
}
