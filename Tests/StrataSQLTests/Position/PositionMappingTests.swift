import Testing
@testable import StrataSQL

@Suite("Positions: line index and server positions")
struct PositionMappingTests {
    @Test("LineIndex maps offsets to lines and scalar columns")
    func lineIndex() {
        let index = LineIndex("ab\r\nжё x\rz\n")
        #expect(index.position(ofOffset: 0) == SourcePosition(offset: 0, line: 1, column: 1))
        #expect(index.position(ofOffset: 4) == SourcePosition(offset: 4, line: 2, column: 1))
        #expect(index.position(ofOffset: 9) == SourcePosition(offset: 9, line: 2, column: 4))
        #expect(index.position(ofOffset: 11) == SourcePosition(offset: 11, line: 3, column: 1))
        #expect(index.position(ofOffset: 13) == SourcePosition(offset: 13, line: 4, column: 1))
        #expect(index.position(ofOffset: 999) == SourcePosition(offset: 13, line: 4, column: 1))
        #expect(index.lineCount == 4)
    }

    @Test("LineIndex agrees with the lexer on every token start")
    func lineIndexAgreesWithLexer() throws {
        let text = try Fixture.text("torture") + (try Fixture.text("torture_crlf"))
        let index = LineIndex(text)
        for token in try SQLLexer(text).tokenize() {
            #expect(index.position(ofOffset: token.start.offset) == token.start)
        }
    }

    @Test("the server's character position maps to the file's line and column")
    func serverPosition() throws {
        // PostgreSQL reports `column "nonexistent" does not exist` at the character position of `nonexistent`
        // in the query text it received, counted in characters.
        let file = "-- migration\n\n    SELECT 'ж', 'ё',\n      nonexistent\n    FROM t;\n"
        let statement = try #require(try StatementSplitter.split(file).first)
        let serverPosition = Array(statement.text.unicodeScalars).firstIndex(of: "n").map { $0 + 1 }
        #expect(serverPosition == 24)
        let mapped = statement.position(ofServerPosition: 24)
        #expect(mapped == SourcePosition(offset: utf8Offset(of: "nonexistent", in: file) ?? -1, line: 4, column: 7))
    }

    @Test("server positions on the first line, before the start and past the end")
    func serverPositionEdges() throws {
        let origin = SourcePosition(offset: 10, line: 3, column: 5)
        let statement = try #require(try StatementSplitter.split("SELECT 'жж' + x", origin: origin).first)
        #expect(statement.position(ofServerPosition: 1) == origin)
        #expect(statement.position(ofServerPosition: 0) == origin)
        #expect(statement.position(ofServerPosition: 15) == SourcePosition(offset: 26, line: 3, column: 19))
        #expect(statement.position(ofServerPosition: 500) == SourcePosition(offset: 27, line: 3, column: 20))
    }
}
