import Testing
@testable import StrataCore

@Suite struct NativeMigrationParserTests {
    func parse(_ text: String, path: String = "db/migrations/1_x.sql") throws -> Migration {
        try NativeMigrationParser.parse(
            path: path, version: MigrationVersion("1")!, name: "x", bytes: Array(text.utf8))
    }

    func error(_ text: String) -> StrataError? {
        do {
            _ = try parse(text)
            return nil
        } catch let error as StrataError {
            return error
        } catch {
            return nil
        }
    }

    @Test func readsSectionsWithFilePositions() throws {
        let migration = try parse("""
            -- header comment
            -- strata:up
            CREATE TABLE t (id int);
            CREATE INDEX t_idx ON t (id);
            -- strata:down
            DROP TABLE t;
            -- strata:verify
            SELECT 1 FROM t LIMIT 0;
            """)
        let up = try migration.up.statements(path: migration.path)
        #expect(up.count == 2)
        #expect(up[0].start.line == 3)
        #expect(up[1].start.line == 4)
        let down = try #require(try migration.down?.statements(path: migration.path))
        #expect(down.map(\.text) == ["DROP TABLE t"])
        #expect(down[0].start.line == 6)
        #expect(try migration.verify?.statements(path: migration.path).count == 1)
        #expect(migration.transactionMode == .transactional)
    }

    @Test func fileWithoutMarkersIsAllUp() throws {
        let migration = try parse("CREATE TABLE a (id int);\nCREATE TABLE b (id int)")
        #expect(try migration.up.statements(path: "").count == 2)
        #expect(migration.down == nil)
    }

    @Test func readsDirectives() throws {
        let migration = try parse("""
            -- strata:no-transaction
            -- strata:lock-timeout 5s
            -- strata:statement-timeout 30min
            -- strata:require extension=vector else=skip
            -- strata:up
            CREATE INDEX CONCURRENTLY i ON t (a);
            """)
        #expect(migration.transactionMode == .nonTransactional)
        #expect(migration.lockTimeout == TimeoutValue(milliseconds: 5_000))
        #expect(migration.statementTimeout == TimeoutValue(milliseconds: 1_800_000))
        #expect(migration.requirements == [ExtensionRequirement(extensionName: "vector", fallback: .skip)])
    }

    @Test func requireDefaultsToFail() throws {
        let migration = try parse("-- strata:require extension=pg_trgm\n-- strata:up\nSELECT 1;")
        #expect(migration.requirements.first?.fallback == .fail)
    }

    @Test func emptyUpSectionIsAnErrorNamingTheLine() throws {
        let failure = try #require(error("-- just a comment\n-- strata:up\n-- nothing here\n-- strata:down\nDROP TABLE t;"))
        #expect(failure.code == .invalidMigration)
        #expect(failure.message.contains("up section is empty"))
        #expect(failure.location?.line == 2)
    }

    @Test func commentOnlyFileIsEmptyUp() throws {
        let failure = try #require(error("-- nothing\n"))
        #expect(failure.message.contains("empty"))
    }

    @Test func unknownDirectiveIsReportedWithItsLine() throws {
        let failure = try #require(error("-- strata:up\nSELECT 1;\n-- strata:no-transactoin\n"))
        #expect(failure.message.contains("no-transactoin"))
        #expect(failure.location?.line == 3)
    }

    @Test func badDurationIsReported() throws {
        let failure = try #require(error("-- strata:lock-timeout soon\n-- strata:up\nSELECT 1;"))
        #expect(failure.message.contains("soon"))
        #expect(failure.location?.line == 1)
    }

    @Test func repeatedSectionIsReported() throws {
        let failure = try #require(error("-- strata:up\nSELECT 1;\n-- strata:up\nSELECT 2;"))
        #expect(failure.message.contains("twice"))
        #expect(failure.location?.line == 3)
    }

    @Test func sqlBeforeFirstSectionIsReported() throws {
        let failure = try #require(error("SELECT 0;\n-- strata:up\nSELECT 1;"))
        #expect(failure.location?.line == 1)
    }

    static func parseError(bytes: [UInt8]) -> StrataError? {
        do {
            _ = try NativeMigrationParser.parse(path: "f.sql", version: MigrationVersion("1")!, name: "f", bytes: bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func invalidUTF8NamesByteOffsetAndLine() throws {
        let valid = Array("-- strata:up\nSELECT 'ok';\nSELECT '".utf8)
        let bytes = valid + [0xC3, 0x28] + Array("';\n".utf8)
        let failure = try #require(Self.parseError(bytes: bytes))
        #expect(failure.code == .invalidMigration)
        #expect(failure.message.contains("offset \(valid.count)"))
        #expect(failure.location?.line == 3)
    }

    @Test func unterminatedStringNamesLineAndColumn() throws {
        let failure = try #require(error("-- strata:up\nSELECT 1;\nSELECT 'oops;\n"))
        #expect(failure.code == .sqlSyntax)
        #expect(failure.location?.line == 3)
        #expect(failure.location?.column == 8)
    }

    @Test func directiveInsideDollarQuotedBodyIsNotASection() throws {
        let migration = try parse("""
            -- strata:up
            CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$
            -- strata:down
            SELECT 1
            $$;
            """)
        #expect(migration.down == nil)
        #expect(try migration.up.statements(path: "").count == 1)
    }

    @Test func checksumIgnoresLineEndings() throws {
        let unix = try parse("-- strata:up\nSELECT 1;\n")
        let windows = try parse("-- strata:up\r\nSELECT 1;\r\n")
        #expect(unix.checksum == windows.checksum)
    }
}
