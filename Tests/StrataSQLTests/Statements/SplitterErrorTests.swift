import Testing
@testable import StrataSQL

@Suite("Splitter: errors a user sees")
struct SplitterErrorTests {
    @Test("an unterminated string is reported where its quote opens")
    func unterminatedString() throws {
        let error = try #require(splitError("SELECT 1;\nSELECT 'abc;\nSELECT 2;\n"))
        #expect(error.kind == .unterminatedString)
        #expect(error.position == SourcePosition(offset: 17, line: 2, column: 8))
        #expect(error.description == "2:8: unterminated quoted string: the ' opened here is never closed")
    }

    @Test("an unterminated E'' string that ends in an escaped quote")
    func unterminatedExtendedString() throws {
        let error = try #require(splitError("SELECT\n  x, E'it\\'s"))
        #expect(error.kind == .unterminatedString)
        #expect((error.position.line, error.position.column) == (2, 6))
    }

    @Test("an unterminated quoted identifier")
    func unterminatedQuotedIdentifier() throws {
        let error = try #require(splitError("-- ж\nSELECT \"Заказ, 1;"))
        #expect(error.kind == .unterminatedQuotedIdentifier)
        #expect((error.position.line, error.position.column) == (2, 8))
        #expect(error.message.contains("quoted identifier"))
    }

    @Test("an unterminated dollar quote names its delimiter")
    func unterminatedDollarString() throws {
        let error = try #require(splitError("CREATE FUNCTION f() AS $body$\nSELECT 1;\n$$;\n"))
        #expect(error.kind == .unterminatedDollarString)
        #expect((error.position.line, error.position.column) == (1, 24))
        #expect(error.message.contains("$body$"))
    }

    @Test("an unterminated nested block comment")
    func unterminatedBlockComment() throws {
        let error = try #require(splitError("SELECT 1;\n\n  /* outer /* inner */ still open;\nSELECT 2;"))
        #expect(error.kind == .unterminatedBlockComment)
        #expect((error.position.line, error.position.column) == (3, 3))
    }

    @Test("psql meta-commands are rejected with their line and column", arguments: [
        ("SELECT 1;\n\\i other.sql\n", "\\i", 2, 1),
        ("CREATE TABLE t (a int);\n\n\n  \\copy t from 'x.csv'\n", "\\copy", 4, 3),
        ("\\connect other\nSELECT 1;", "\\connect", 1, 1),
        ("\\set ON_ERROR_STOP on\n", "\\set", 1, 1),
        ("SELECT now() AS t \\gset\n", "\\gset", 1, 19),
    ])
    func metaCommands(sql: String, command: String, line: Int, column: Int) throws {
        let error = try #require(splitError(sql))
        #expect(error.kind == .metaCommand(command))
        #expect((error.position.line, error.position.column) == (line, column))
        #expect(error.message.hasPrefix("psql meta-command \(command) is not SQL"))
    }

    @Test("a meta-command is reported before an unterminated string that follows it")
    func metaCommandBeforeLaterError() throws {
        let error = try #require(splitError("SELECT 1;\n\\set x 'unterminated\n"))
        #expect(error.kind == .metaCommand("\\set"))
    }

    @Test("backslashes inside strings, comments and dollar quotes are not meta-commands")
    func backslashInsideLiterals() throws {
        let statements = try StatementSplitter.split("SELECT '\\i x', E'\\\\'; -- \\i y\n/* \\c */ SELECT $$\\copy$$;")
        #expect(statements.count == 2)
    }

    @Test("COPY … FROM STDIN is rejected at the COPY, whatever the case and options", arguments: [
        ("COPY t FROM STDIN;\n1\tone\n\\.\n", 1, 1),
        ("SELECT 1;\n  copy public.t (a, b) from stdin with (format csv);\n1,2\n\\.\n", 2, 3),
        ("Copy t FROM Stdin", 1, 1),
        ("COPY t FROM STDIN WITH (FORMAT csv, HEADER true);\na,b\n'unterminated\n", 1, 1),
    ])
    func copyFromStdin(sql: String, line: Int, column: Int) throws {
        let error = try #require(splitError(sql))
        #expect(error.kind == .copyFromStdin)
        #expect((error.position.line, error.position.column) == (line, column))
        #expect(error.message.contains("break the connection"))
        #expect(error.message.contains("file"))
    }

    @Test("COPY … TO STDOUT is rejected at the COPY: its copy stream would break the session", arguments: [
        ("COPY t TO STDOUT;", 1, 1),
        ("SELECT 1;\n  copy (SELECT a FROM t) to stdout with (format csv);", 2, 3),
        ("Copy public.t (a, b) To Stdout", 1, 1),
    ])
    func copyToStdout(sql: String, line: Int, column: Int) throws {
        let error = try #require(splitError(sql))
        #expect(error.kind == .copyToStdout)
        #expect((error.position.line, error.position.column) == (line, column))
        #expect(error.message.contains("COPY … TO STDOUT cannot run"))
    }

    @Test("COPY from or to a file and a table named stdin or stdout are fine")
    func copyAllowed() throws {
        let sql = """
            COPY t FROM '/tmp/data.csv';
            COPY t TO '/tmp/out.csv';
            COPY (SELECT * FROM stdin) TO '/tmp/x';
            SELECT * FROM stdin;
            SELECT to_char(now(), 'YYYY') AS stdout;
            """
        #expect(try StatementSplitter.split(sql).count == 5)
    }

    @Test("a NUL byte is a lexer error at its line and column, inside a string or outside")
    func nulByte() throws {
        let inString = try #require(splitError("SELECT 1;\nINSERT INTO t VALUES ('a\u{0}b');\n"))
        #expect(inString.kind == .nulByte)
        #expect((inString.position.line, inString.position.column) == (2, 25))
        #expect(inString.message.contains("NUL byte"))
        let bare = try #require(splitError("SELECT 1;\n\n\u{0}SELECT 2;"))
        #expect(bare.kind == .nulByte)
        #expect(bare.position.line == 3)
        let unterminated = try #require(splitError("SELECT 'open\u{0}"))
        #expect(unterminated.kind == .nulByte)
    }
}
