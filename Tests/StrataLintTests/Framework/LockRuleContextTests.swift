import StrataLint
import Testing

/// The context cases of the lock, constraint and operation rules (group A) that fixtures do not show one by one:
/// transaction blocks, PostgreSQL versions, suppression, down sections, and the statement readers they rely on.
@Suite struct LockRuleContextTests {
    // MARK: Readers

    @Test func transactionBlocksFollowBeginCommitChainAndSavepoints() throws {
        let statements = try statements(
            """
            BEGIN; SAVEPOINT a; ROLLBACK TO SAVEPOINT a; COMMIT AND CHAIN; SELECT 1; COMMIT;
            SELECT 2; START TRANSACTION; BEGIN; END; BEGIN;
            """)
        let blocks = TransactionBlocks(statements)
        #expect(blocks.blockStart == [0, 0, 0, 0, 3, 3, nil, 7, 7, 7, 10])
        #expect(blocks.nestedBegins == [8])
        #expect(blocks.unclosedBegin == 10)
        #expect(try TransactionControlKind(statement("ROLLBACK PREPARED 'x'")) == nil)
        #expect(try TransactionControlKind(statement("ROLLBACK TO a")) == .savepoint)
        #expect(try TransactionControlKind(statement("ABORT")) == .end)
    }

    @Test func dropObjectStatementReadsKindsNamesAndOptions() throws {
        let view = try #require(DropObjectStatement(statement("DROP MATERIALIZED VIEW IF EXISTS a, s.b CASCADE")))
        #expect(view.kind == "materialized view")
        #expect(view.ifExists && view.isCascade && !view.isConcurrent)
        #expect(view.names.map(\.description) == ["\"a\"", "\"s.b\""])
        let functions = try #require(DropObjectStatement(statement("DROP FUNCTION f(int, text), g()")))
        #expect(functions.kind == "function" && !functions.ifExists)
        #expect(functions.names.map(\.name) == ["f", "g"])
        let index = try #require(DropObjectStatement(statement("DROP INDEX CONCURRENTLY IF EXISTS i")))
        #expect(index.isConcurrent && index.ifExists)
        #expect(try DropObjectStatement(statement("DELETE FROM t")) == nil)
    }

    @Test func alterTableActionReadersTellRenamesApart() throws {
        let actions = try #require(
            statement("ALTER TABLE t RENAME COLUMN a TO b").alterTable?.actions.first)
        #expect(actions.renamedColumn?.from == "a" && actions.renamedColumn?.to == "b")
        #expect(actions.renamedTable == nil)
        let table = try #require(statement("ALTER TABLE t RENAME TO u").alterTable?.actions.first)
        #expect(table.renamedTable?.to == "u" && table.renamedColumn == nil)
        let constraint = try #require(statement("ALTER TABLE t RENAME CONSTRAINT c TO d").alterTable?.actions.first)
        #expect(constraint.renamedColumn == nil && constraint.renamedTable == nil)
        let detach = try #require(
            statement("ALTER TABLE p DETACH PARTITION p1 FINALIZE").alterTable?.actions.first?.detachedPartition)
        #expect(detach.partition.name == "p1" && detach.isFinalize && !detach.isConcurrent)
        let type = try #require(
            statement("ALTER TABLE t ALTER c SET DATA TYPE varchar(20) USING c::text").alterTable?.actions.first?
                .changedColumnType)
        #expect(type.column == "c" && type.type.sourceText == "varchar(20)")
    }

    // MARK: Versions

    @Test(arguments: [10, 11, 12, 15])
    func reindexHelpDependsOnVersion(_ version: Int) throws {
        let found = try findings(
            "REINDEX INDEX users_email_idx;", rules: ["require-concurrent-reindex"], postgres: version)
        #expect(found.count == 1)
        let before12 = found.first?.help.contains("before 12") ?? false
        #expect(before12 == (version < 12))
    }

    @Test(arguments: [10, 11, 12, 13, 14, 15])
    func partitionDetachIsFlaggedFrom14(_ version: Int) throws {
        let found = try lint(
            "ALTER TABLE m DETACH PARTITION m_2020;", rules: ["require-concurrent-partition-detach"], postgres: version)
        #expect(found == (version >= 14 ? ["require-concurrent-partition-detach@1"] : []))
    }

    // MARK: Transactions

    @Test func validateInALaterBlockOfANoTransactionFileIsFine() throws {
        let sql = """
            -- strata:no-transaction
            BEGIN;
            ALTER TABLE o ADD CONSTRAINT c CHECK (x > 0) NOT VALID;
            COMMIT;
            BEGIN;
            ALTER TABLE o VALIDATE CONSTRAINT c;
            COMMIT;
            """
        #expect(try lint(sql, rules: ["constraint-missing-not-valid"]) == [])
        let sameBlock = sql.replacingOccurrences(of: "COMMIT;\nBEGIN;\n", with: "")
        #expect(try lint(sameBlock, rules: ["constraint-missing-not-valid"]) == ["constraint-missing-not-valid@4"])
    }

    @Test func robustStatementsOnlyMatterInANoTransactionDownSection() throws {
        // The up section resumes at the failed statement; a retried rollback runs the down section from its start.
        let sections = """
            -- strata:up
            CREATE TABLE a (id int);
            DROP TABLE b;
            -- strata:down
            CREATE TABLE b (id int);
            DROP TABLE a;
            """
        #expect(try lint(sections, rules: ["prefer-robust-stmts"]) == [])
        #expect(
            try lint("-- strata:no-transaction\n" + sections, rules: ["prefer-robust-stmts"])
                == ["prefer-robust-stmts@6", "prefer-robust-stmts@7"])
    }

    @Test func transactionStatementsInATransactionalFileAreAllReported() throws {
        let sql = "BEGIN;\nSAVEPOINT s;\nROLLBACK TO SAVEPOINT s;\nCOMMIT;\n"
        #expect(
            try lint(sql, rules: ["transaction-nesting", "ban-uncommitted-transaction"])
                == ["transaction-nesting@1", "transaction-nesting@2", "transaction-nesting@3", "transaction-nesting@4"])
    }

    // MARK: Sections and suppression

    @Test func downSectionUndoingTheUpSectionIsNotFlagged() throws {
        let sql = """
            -- strata:up
            CREATE TABLE t (id int);
            ALTER TABLE u ADD COLUMN c int;
            ALTER TABLE v RENAME COLUMN a TO b;
            ALTER TABLE w RENAME TO w2;
            -- strata:down
            ALTER TABLE w2 RENAME TO w;
            ALTER TABLE v RENAME COLUMN b TO a;
            ALTER TABLE u DROP COLUMN c;
            DROP TABLE t;
            ALTER TABLE u DROP COLUMN d;
            """
        let rules: Set<String> = ["ban-drop-table", "ban-drop-column", "renaming-column", "renaming-table"]
        #expect(try lint(sql, rules: rules) == ["renaming-column@4", "renaming-table@5", "ban-drop-column@11"])
    }

    @Test func aTableCreatedInTheUpSectionIsNotNewInTheDownSection() throws {
        // The down section runs long after the up section: the table may hold data by then.
        let sql = """
            -- strata:up
            CREATE TABLE t (id int);
            -- strata:down
            ALTER TABLE t ALTER COLUMN id TYPE bigint;
            """
        #expect(try lint(sql, rules: ["changing-column-type"]) == ["changing-column-type@4"])
    }

    @Test func nolintSuppressesOneRuleOfAStatement() throws {
        let sql = """
            -- strata:nolint adding-foreign-key-constraint
            ALTER TABLE o ADD CONSTRAINT f FOREIGN KEY (u) REFERENCES users (id);
            """
        #expect(
            try lint(sql, rules: ["adding-foreign-key-constraint", "constraint-missing-not-valid"])
                == ["constraint-missing-not-valid@2"])
    }

    @Test func theSafePatternsPassEveryGroupARule() throws {
        let groupA: Set<String> = [
            "adding-foreign-key-constraint", "adding-required-field", "adding-serial-primary-key-field",
            "constraint-missing-not-valid", "disallowed-unique-constraint", "changing-column-type", "renaming-column",
            "renaming-table", "ban-drop-column", "ban-drop-table", "ban-drop-database", "ban-drop-not-null",
            "ban-truncate-cascade", "prefer-robust-stmts", "ban-uncommitted-transaction", "transaction-nesting",
            "require-concurrent-reindex", "require-concurrent-partition-detach", "prefer-repack",
            "ban-alter-domain-with-add-constraint", "ban-create-domain-with-constraint",
        ]
        let sql = """
            -- strata:no-transaction
            -- strata:up
            ALTER TABLE users ADD COLUMN IF NOT EXISTS plan text NOT NULL DEFAULT 'free';
            ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_user_fk;
            ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
            ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
            DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;
            CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email);
            ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_key;
            ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;
            REINDEX INDEX CONCURRENTLY users_name_idx;
            ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;
            -- strata:down
            ALTER TABLE users DROP COLUMN IF EXISTS plan;
            ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_user_fk;
            """
        #expect(try lint(sql, rules: groupA) == [])
    }
}
