import StrataLint
import Testing

/// The lock mode and the work under it that preflight reads from a statement.
@Suite struct TableLockTests {
    private func locks(_ sql: String) throws -> [String] {
        let file = try LintFile(path: "test.sql", upSQL: sql)
        return file.up.flatMap { statement in
            file.tableLocks(of: statement).map {
                "\($0.table.name) \($0.mode.rawValue) \($0.work.rawValue)\($0.isNewInFile ? " new" : "")"
            }
        }
    }

    @Test func typeChangeRewritesUnderAccessExclusive() throws {
        #expect(try locks("ALTER TABLE accounts ALTER COLUMN id TYPE bigint;") == ["accounts ACCESS EXCLUSIVE rewrite"])
    }

    @Test func indexBuildsTakeShareOrShareUpdateExclusive() throws {
        #expect(try locks("CREATE INDEX a_k ON accounts (k);") == ["accounts SHARE index-build"])
        #expect(try locks("CREATE INDEX CONCURRENTLY a_k ON accounts (k);") == ["accounts SHARE UPDATE EXCLUSIVE index-build"])
    }

    @Test func scansAndDefaults() throws {
        #expect(try locks("ALTER TABLE t ALTER COLUMN c SET NOT NULL;") == ["t ACCESS EXCLUSIVE scan"])
        #expect(try locks("ALTER TABLE t ADD COLUMN c timestamptz DEFAULT now();") == ["t ACCESS EXCLUSIVE none"])
        #expect(try locks("ALTER TABLE t ADD COLUMN c float8 DEFAULT random();") == ["t ACCESS EXCLUSIVE rewrite"])
        #expect(try locks("ALTER TABLE t VALIDATE CONSTRAINT c_check;") == ["t SHARE UPDATE EXCLUSIVE scan"])
        #expect(try locks("ALTER TABLE t ADD CONSTRAINT c CHECK (c > 0) NOT VALID;") == ["t ACCESS EXCLUSIVE none"])
    }

    @Test func foreignKeyLocksBothTables() throws {
        #expect(
            try locks("ALTER TABLE orders ADD CONSTRAINT o_fk FOREIGN KEY (account_id) REFERENCES accounts (id);")
                == ["orders SHARE ROW EXCLUSIVE scan", "accounts SHARE ROW EXCLUSIVE none"])
    }

    @Test func tableCreatedEarlierInTheFileIsNew() throws {
        #expect(
            try locks("CREATE TABLE t (id int); CREATE INDEX t_id ON t (id);") == ["t SHARE index-build new"])
    }

    @Test func otherStatements() throws {
        #expect(try locks("LOCK TABLE t IN SHARE MODE;") == ["t SHARE none"])
        #expect(try locks("LOCK t;") == ["t ACCESS EXCLUSIVE none"])
        #expect(try locks("TRUNCATE a, b;") == ["a ACCESS EXCLUSIVE none", "b ACCESS EXCLUSIVE none"])
        #expect(try locks("VACUUM FULL t;") == ["t ACCESS EXCLUSIVE rewrite"])
        #expect(try locks("UPDATE t SET a = 1;") == ["t ROW EXCLUSIVE scan"])
        #expect(try locks("CREATE TABLE n (id int);").isEmpty)
    }
}
