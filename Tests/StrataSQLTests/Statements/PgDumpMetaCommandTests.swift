import Testing

@testable import StrataSQL

/// pg_dump's `\restrict KEY` / `\unrestrict KEY` lines are skipped; every other meta-command is still refused.
@Suite struct PgDumpMetaCommandTests {
    let dump = """
        --
        -- PostgreSQL database dump
        --

        \\restrict aB3xYz9QkLmN0pQrStUvWx

        SET statement_timeout = 0;
        CREATE TABLE public.t (id integer);

        \\unrestrict aB3xYz9QkLmN0pQrStUvWx

        """

    @Test func restrictAndUnrestrictLinesAreSkippedAndLinesStayRight() throws {
        let statements = try StatementSplitter.split(dump)
        #expect(statements.map(\.text) == ["SET statement_timeout = 0", "CREATE TABLE public.t (id integer)"])
        #expect(statements.map(\.start.line) == [7, 8])
        #expect(statements[0].leadingComments.count == 3)
    }

    @Test func aLaterErrorStillNamesItsLine() throws {
        let error = try #require(splitError(dump + "SELECT 'open;\n"))
        #expect(error.kind == .unterminatedString)
        #expect(error.position.line == 11)
    }

    @Test("other meta-commands stay refused, and so do the two inside a statement or in another case", arguments: [
        ("\\connect db\n", "\\connect"),
        ("\\restrictx key\n", "\\restrictx"),
        ("\\Restrict key\n", "\\Restrict"),
        ("SELECT 1\n\\restrict key\n;", "\\restrict"),
        ("\\restrict key\n\\i other.sql\n", "\\i"),
    ])
    func otherMetaCommandsAreRefused(sql: String, command: String) throws {
        let error = try #require(splitError(sql))
        #expect(error.kind == .metaCommand(command))
    }

    @Test func crlfLinesAreCountedToo() throws {
        let statements = try StatementSplitter.split("\\restrict k\r\nSELECT 1;\r\n\\unrestrict k\r\nSELECT 2;")
        #expect(statements.map(\.start.line) == [2, 4])
    }
}
