import Testing
@testable import StrataSQL

@Suite("Statements: transaction classification")
struct StatementClassificationTests {
    static func statement(_ sql: String) throws -> SQLStatement {
        try #require(try StatementSplitter.split(sql).first)
    }

    @Test("statements PostgreSQL refuses inside a transaction block", arguments: [
        "CREATE INDEX CONCURRENTLY i ON t (a)",
        "create unique index concurrently if not exists i on t (a)",
        "DROP INDEX CONCURRENTLY IF EXISTS i",
        "REINDEX INDEX CONCURRENTLY i",
        "REINDEX (VERBOSE) TABLE CONCURRENTLY t",
        "REINDEX (CONCURRENTLY) TABLE t",
        "REINDEX SCHEMA public",
        "REINDEX DATABASE app",
        "ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY",
        "VACUUM",
        "VACUUM (ANALYZE) t",
        "ALTER SYSTEM SET work_mem = '64MB'",
        "CREATE DATABASE app",
        "DROP DATABASE IF EXISTS app",
        "ALTER DATABASE app SET TABLESPACE fast",
        "CREATE TABLESPACE fast LOCATION '/ssd'",
        "DROP TABLESPACE fast",
        "CLUSTER",
        "DISCARD ALL",
        "COMMIT PREPARED 'x'",
        "ROLLBACK PREPARED 'x'",
    ])
    func requiresNoTransaction(sql: String) throws {
        #expect(try Self.statement(sql).requiresNoTransaction)
    }

    @Test("statements that run fine in a transaction", arguments: [
        "CREATE INDEX i ON t (a)",
        "CREATE INDEX concurrently_named ON t (a)",
        "DROP INDEX i",
        "REINDEX TABLE t",
        "ALTER TABLE t DETACH PARTITION p",
        "ALTER TABLE t ADD COLUMN concurrently int",
        "ANALYZE t",
        "ALTER DATABASE app SET work_mem = '1MB'",
        "CREATE TABLE database (a int)",
        "CLUSTER t USING i",
        "DISCARD PLANS",
        "ALTER TYPE mood ADD VALUE 'meh'",
        "SELECT 'VACUUM'",
    ])
    func runsInTransaction(sql: String) throws {
        #expect(try !Self.statement(sql).requiresNoTransaction)
    }

    @Test("transaction control statements", arguments: [
        "BEGIN", "begin work", "START TRANSACTION ISOLATION LEVEL SERIALIZABLE", "COMMIT", "COMMIT AND CHAIN",
        "END", "ROLLBACK", "ROLLBACK TO SAVEPOINT s", "ABORT", "SAVEPOINT s", "RELEASE SAVEPOINT s", "RELEASE s",
        "PREPARE TRANSACTION 'x'",
    ])
    func transactionControl(sql: String) throws {
        #expect(try Self.statement(sql).isTransactionControl)
    }

    @Test("statements that are not transaction control", arguments: [
        "BEGIN ATOMIC SELECT 1; END", "COMMIT PREPARED 'x'", "ROLLBACK PREPARED 'x'", "START something",
        "PREPARE q AS SELECT 1", "SELECT 'BEGIN'", "CREATE FUNCTION f() RETURNS int BEGIN ATOMIC SELECT 1; END",
    ])
    func notTransactionControl(sql: String) throws {
        #expect(try !Self.statement(sql).isTransactionControl)
    }

    @Test("a statement built from tokens classifies like a split one")
    func statementFromTokens() throws {
        let tokens = try SQLLexer("  VACUUM t  ").tokenize()
        let statement = SQLStatement(tokens: tokens)
        #expect(statement.text == "VACUUM t")
        #expect(statement.keywords == ["vacuum", "t"])
        #expect(statement.requiresNoTransaction)
        #expect(statement.start == SourcePosition(offset: 2, line: 1, column: 3))
    }
}
