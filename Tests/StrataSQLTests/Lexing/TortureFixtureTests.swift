import Testing
@testable import StrataSQL

@Suite("Splitter: torture fixtures")
struct TortureFixtureTests {
    struct Expected {
        let line: Int
        let column: Int
        let keywords: [String]
    }

    /// Every statement of Fixtures/torture.sql, in order, where a reader finds it in the file.
    static let tortureStatements: [Expected] = [
        Expected(line: 4, column: 1, keywords: ["create", "table"]),
        Expected(line: 10, column: 1, keywords: ["insert", "into"]),
        Expected(line: 11, column: 1, keywords: ["select"]),
        Expected(line: 11, column: 20, keywords: ["select"]),
        Expected(line: 12, column: 1, keywords: ["create", "or", "replace", "function", "add_one"]),
        Expected(line: 21, column: 1, keywords: ["do"]),
        Expected(line: 22, column: 1, keywords: ["create", "function", "grade"]),
        Expected(line: 28, column: 1, keywords: ["create", "rule", "log_insert", "as", "on", "insert", "to", "t"]),
        Expected(line: 32, column: 1, keywords: ["begin"]),
        Expected(line: 33, column: 31, keywords: ["select"]),
        Expected(line: 35, column: 1, keywords: ["commit"]),
        Expected(line: 36, column: 1, keywords: ["select"]),
        Expected(line: 37, column: 1, keywords: ["create", "table", "заказы"]),
        Expected(line: 37, column: 34, keywords: ["comment", "on", "table", "заказы", "is"]),
        Expected(line: 39, column: 1, keywords: ["select"]),
    ]

    @Test("torture.sql splits into exactly the statements a reader sees")
    func tortureStatementsAndPositions() throws {
        let text = try Fixture.text("torture")
        let statements = try StatementSplitter.split(text)
        try #require(statements.count == Self.tortureStatements.count)
        for (statement, expected) in zip(statements, Self.tortureStatements) {
            #expect(
                (statement.start.line, statement.start.column) == (expected.line, expected.column),
                "statement \(statement.text.prefix(40))")
            #expect(statement.keywords == expected.keywords)
        }
    }

    @Test("statement texts are exact slices without the semicolon")
    func tortureTexts() throws {
        let text = try Fixture.text("torture")
        let statements = try StatementSplitter.split(text)
        try #require(statements.count == 15)
        #expect(statements[2].text == "SELECT 'a;b' AS x")
        #expect(statements[3].text == #"SELECT $1::int, a$b, '{"k":1}'::jsonb ->> 'k' FROM t"#)
        #expect(statements[4].text.hasSuffix("END;\n$body$"))
        #expect(statements[5].text == "DO $$ BEGIN RAISE NOTICE 'semi;colon $x$'; END $$")
        #expect(statements[6].text.hasSuffix("ELSE 'y' END;\nEND"))
        #expect(statements[7].text.hasSuffix("NOTIFY t_changed\n)"))
        #expect(statements[9].text == "SELECT 'a' -- trailing comment; not a split\n    || 'b'")
        #expect(statements[12].text == "CREATE TABLE заказы (номер int)")
        #expect(statements[13].text == "COMMENT ON TABLE заказы IS 'Таблица; заказов'")
        #expect(statements[14].text == #"SELECT 'end' AS "последний""#)
        let bytes = Array(text.utf8)
        for statement in statements {
            #expect(bytes[statement.start.offset..<statement.endOffset].elementsEqual(statement.text.utf8))
            #expect(statement.tokens.map(\.text).joined() == statement.text)
        }
    }

    @Test("comments before a statement are its leading comments")
    func tortureLeadingComments() throws {
        let statements = try StatementSplitter.split(try Fixture.text("torture"))
        try #require(statements.count == 15)
        #expect(statements[0].leadingComments.map(\.start.line) == [1, 2, 3])
        #expect(statements[0].leadingComments.map(\.kind) == [.lineComment, .lineComment, .blockComment])
        #expect(statements[9].leadingComments.map(\.text) == ["/* between statements; */"])
        #expect(statements[14].leadingComments.map(\.text) == ["-- the last statement has no semicolon"])
        #expect(statements[1].leadingComments.isEmpty)
    }

    @Test("transaction statements in torture.sql are classified")
    func tortureClassification() throws {
        let statements = try StatementSplitter.split(try Fixture.text("torture"))
        try #require(statements.count == 15)
        #expect(statements.indices.filter { statements[$0].isTransactionControl } == [8, 10])
        #expect(statements.allSatisfy { !$0.requiresNoTransaction })
    }

    @Test("torture_crlf.sql: CRLF line endings give the same lines and columns as LF")
    func crlfStatements() throws {
        let text = try Fixture.text("torture_crlf")
        try #require(text.utf8.contains(0x0D), "the fixture lost its CRLF line endings")
        let statements = try StatementSplitter.split(text)
        try #require(statements.count == 4)
        #expect(statements.map { [$0.start.line, $0.start.column] } == [[2, 1], [7, 1], [10, 3], [10, 31]])
        #expect(statements.map(\.keywords) == [["create", "table", "t"], ["create", "function", "f"],
            ["insert", "into", "t", "values"], ["select"]])
        #expect(statements[0].text == "CREATE TABLE t (\r\n    a text DEFAULT 'line one\r\nline two; still the string'\r\n)")
        #expect(statements[1].text.hasSuffix("SELECT 1;\r\n$fn$"))
        #expect(statements[3].text == #"SELECT 'ж' AS "ё""#)
        #expect(statements[1].start.offset == utf8Offset(of: "CREATE FUNCTION", in: text))
        let bytes = Array(text.utf8)
        for statement in statements {
            #expect(bytes[statement.start.offset..<statement.endOffset].elementsEqual(statement.text.utf8))
        }
    }
}
