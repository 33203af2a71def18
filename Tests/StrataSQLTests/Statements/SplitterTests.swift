import Testing
@testable import StrataSQL

@Suite("Splitter: boundaries")
struct SplitterTests {
    @Test("empty statements and comment-only text produce no statement")
    func emptyStatements() throws {
        #expect(try StatementSplitter.split(";;\n; -- only a comment\n/* and; this */").isEmpty)
        #expect(try StatementSplitter.split("").isEmpty)
        #expect(try StatementSplitter.split("SELECT 1;;SELECT 2;").map(\.text) == ["SELECT 1", "SELECT 2"])
    }

    @Test("a last statement without a semicolon is kept, trailing comments are not part of it")
    func lastStatementWithoutSemicolon() throws {
        let statements = try StatementSplitter.split("SELECT 1;\nSELECT 2 -- done\n")
        #expect(statements.map(\.text) == ["SELECT 1", "SELECT 2"])
    }

    @Test("semicolons inside parentheses do not split (CREATE RULE … DO ALSO (a; b))")
    func parentheses() throws {
        let sql = "CREATE RULE r AS ON UPDATE TO t DO ALSO (INSERT INTO a VALUES (1); DELETE FROM b); SELECT 1"
        let statements = try StatementSplitter.split(sql)
        #expect(statements.count == 2)
        #expect(statements[0].text.hasSuffix("DELETE FROM b)"))
    }

    @Test("BEGIN ATOMIC bodies keep their semicolons, nested CASE … END does not close them")
    func beginAtomic() throws {
        let sql = """
            CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC
              INSERT INTO t VALUES (CASE WHEN true THEN 1 ELSE CASE WHEN false THEN 2 END END);
              UPDATE t SET a = 1;
            END;
            CREATE OR REPLACE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT 1; END;
            SELECT 3
            """
        let statements = try StatementSplitter.split(sql)
        #expect(statements.map(\.keywords.first) == ["create", "create", "select"])
        #expect(statements[0].text.hasSuffix("UPDATE t SET a = 1;\nEND"))
        #expect(statements[1].text == "CREATE OR REPLACE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT 1; END")
    }

    @Test("a plain BEGIN; is a transaction statement, not an ATOMIC body")
    func plainBegin() throws {
        let statements = try StatementSplitter.split("BEGIN;\nCREATE TABLE t (a int);\nCOMMIT;")
        #expect(statements.map(\.text) == ["BEGIN", "CREATE TABLE t (a int)", "COMMIT"])
        #expect(statements.map(\.isTransactionControl) == [true, false, true])
    }

    @Test("BEGIN in a CASE expression outside a routine does not hide semicolons")
    func caseOutsideAtomic() throws {
        let statements = try StatementSplitter.split("SELECT CASE WHEN a THEN 1 END; SELECT 2;")
        #expect(statements.count == 2)
    }

    @Test("splitting with an origin gives file positions")
    func origin() throws {
        let origin = SourcePosition(offset: 40, line: 5, column: 1)
        let statements = try StatementSplitter.split("-- strata:down\nDROP TABLE t;\n  SELECT 1;", origin: origin)
        #expect(statements.map(\.start) == [
            SourcePosition(offset: 55, line: 6, column: 1),
            SourcePosition(offset: 71, line: 7, column: 3),
        ])
        #expect(statements[0].leadingComments.first?.start == origin)
    }

    @Test("tokens of a statement include trivia inside it but not leading comments")
    func statementTokens() throws {
        let statements = try StatementSplitter.split("/* lead */ SELECT /* in */ 1 ;")
        let statement = try #require(statements.first)
        #expect(statement.tokens.map(\.text) == ["SELECT", " ", "/* in */", " ", "1"])
        #expect(statement.significantTokens.map(\.text) == ["SELECT", "1"])
        #expect(statement.leadingComments.map(\.text) == ["/* lead */"])
    }

    @Test("keywords stop at the first token that is not a word")
    func keywords() throws {
        let statements = try StatementSplitter.split(#"ALTER TABLE "T" ADD COLUMN a int; create unique index concurrently if not exists i on t (a)"#)
        #expect(statements.map(\.keywords) == [
            ["alter", "table"],
            ["create", "unique", "index", "concurrently", "if", "not", "exists", "i"],
        ])
    }

    @Test("a byte order mark before the first statement is skipped, the statement starts at 1:1")
    func byteOrderMark() throws {
        let statement = try #require(try StatementSplitter.split("\u{FEFF}SELECT 1;").first)
        #expect(statement.text == "SELECT 1")
        #expect(statement.start == SourcePosition(offset: 3, line: 1, column: 1))
    }
}
