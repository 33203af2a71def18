import Foundation
import Testing
@testable import StrataCore

/// Reading SQL test files: blocks, roles, claims and expectations, each with its line.
@Suite struct SQLTestParserTests {
    func parse(_ text: String, path: String = "db/tests/rls.sql") throws -> SQLTestFile {
        try SQLTestParser.parse(path: path, bytes: Array(text.utf8))
    }

    func parseError(_ text: String) -> StrataError? {
        do {
            _ = try parse(text)
            return nil
        } catch let error as StrataError {
            return error
        } catch {
            return nil
        }
    }

    func summary(_ steps: [SQLTestStep]) -> [String] {
        steps.map { step in
            switch step {
            case .setRole(let role, let location): return "\(location.line):as \(role)"
            case .setClaims(_, let claims, let location):
                return "\(location.line):claims " + claims.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            case .statement(let statement, let expectation, let location):
                return "\(location.line):\(statement.text)" + (expectation.map { " [\($0)]" } ?? "")
            }
        }
    }

    @Test func blocksWithRoleClaimsAndExpectations() throws {
        let file = try parse("""
            CREATE TEMP TABLE t (id int);
            -- strata:test artist sees own
            -- strata:as authenticated
            -- strata:claims {"sub":"a1","role":"authenticated","level":3,"admin":true,"nested":{"x":1}}
            -- strata:expect rows 2
            SELECT * FROM t;
            -- strata:expect value 'two words'
            SELECT 'two words';

            -- strata:test anon is denied
            -- strata:as "Anon"
            -- strata:expect error 42501
            INSERT INTO t VALUES (1);
            SELECT 1;
            """)
        #expect(file.cases.map(\.name) == ["artist sees own", "anon is denied"])
        #expect(file.cases.map(\.location.line) == [2, 10])
        #expect(file.cases.map(\.kind) == [.strata, .strata])
        #expect(summary(file.cases[0].steps) == [
            "1:CREATE TEMP TABLE t (id int)",
            "3:as authenticated",
            "4:claims admin=true,level=3,role=authenticated,sub=a1",
            "6:SELECT * FROM t [rows 2]",
            "8:SELECT 'two words' [value two words]",
        ])
        #expect(summary(file.cases[1].steps) == [
            "1:CREATE TEMP TABLE t (id int)", "11:as Anon", "13:INSERT INTO t VALUES (1) [error 42501]", "14:SELECT 1",
        ])
    }

    @Test func fileWithoutBlocksIsOneTestNamedAfterIt() throws {
        let file = try parse("-- strata:expect value 1\nSELECT 1;\n", path: "db/tests/one_plus_nothing.sql")
        #expect(file.cases.map(\.name) == ["one_plus_nothing"])
        #expect(file.cases[0].location == FileLocation(path: "db/tests/one_plus_nothing.sql", line: 1))
        #expect(try parse("-- only a comment\n").cases.isEmpty)
    }

    @Test func expectationForms() {
        #expect(SQLTestExpectation.parse("rows 0") == .rows(0))
        #expect(SQLTestExpectation.parse("ROWS 12") == .rows(12))
        #expect(SQLTestExpectation.parse("value NULL") == .value("NULL"))
        #expect(SQLTestExpectation.parse("value 'it''s'") == .value("it's"))
        #expect(SQLTestExpectation.parse("error 42p01") == .error("42P01"))
        #expect(SQLTestExpectation.parse("rows -1") == nil)
        #expect(SQLTestExpectation.parse("rows many") == nil)
        #expect(SQLTestExpectation.parse("error 4250") == nil)
        #expect(SQLTestExpectation.parse("value") == nil)
        #expect(SQLTestExpectation.parse("returns 1") == nil)
    }

    @Test func mistakesNameTheirLine() throws {
        let bad = try #require(parseError("SELECT 1;\n-- strata:expect something\nSELECT 2;"))
        #expect(bad.code == .invalidTest)
        #expect(bad.location?.line == 2)
        #expect(bad.hint?.contains("error SQLSTATE") == true)

        let dangling = try #require(parseError("-- strata:test a\nSELECT 1;\n-- strata:expect rows 1\n"))
        #expect(dangling.message == "'-- strata:expect rows 1' is followed by no statement")
        #expect(dangling.location?.line == 3)

        let claims = try #require(parseError("-- strata:claims {sub: 1}\nSELECT 1;"))
        #expect(claims.message == "the claims are not valid JSON")
        #expect(claims.location?.line == 1)

        let empty = try #require(parseError("-- strata:test a\n-- strata:test b\nSELECT 1;"))
        #expect(empty.message == "the test 'a' has no statement")

        let twice = try #require(parseError("-- strata:test a\nSELECT 1;\n-- strata:test a\nSELECT 2;"))
        #expect(twice.location?.line == 3)

        let unknown = try #require(parseError("-- strata:expects rows 1\nSELECT 1;"))
        #expect(unknown.message == "unknown directive '-- strata:expects'")

        let role = try #require(parseError("-- strata:as bad role;\nSELECT 1;"))
        #expect(role.message.contains("is not a role name"))
    }

    @Test func pgTAPScriptsAreRecognised() throws {
        let file = try parse("SELECT plan(1);\nSELECT ok(true, 'fine');\nSELECT * FROM finish();")
        #expect(file.cases.map(\.kind) == [.pgTAP])
        #expect(try parse("SELECT 'plan(' AS text, plan FROM plans;").cases.map(\.kind) == [.strata])
    }

    @Test("a statement that ends or starts the test's transaction is refused with its line", arguments: [
        "END;", "commit;", "COMMIT AND CHAIN;", "Rollback;", "ROLLBACK AND CHAIN;", "abort;", "COMMIT WORK;",
        "END TRANSACTION;", "BEGIN;", "start transaction;", "PREPARE TRANSACTION 'x';",
    ])
    func transactionControlIsRefused(statement: String) throws {
        let failure = try #require(parseError("""
            -- strata:test anon cannot delete
            -- strata:as anon
            \(statement)
            -- strata:expect rows 0
            DELETE FROM concerts;
            """))
        #expect(failure.code == .invalidTest)
        #expect(failure.exitStatus == .usage)
        #expect(failure.location?.path == "db/tests/rls.sql")
        #expect(failure.location?.line == 3)
        #expect(failure.message.contains("cannot run in a test"))
    }

    @Test func savepointsStayAllowed() throws {
        let file = try parse("""
            SAVEPOINT before_delete;
            DELETE FROM concerts;
            ROLLBACK TO SAVEPOINT before_delete;
            rollback work to before_delete;
            RELEASE SAVEPOINT before_delete;
            """)
        #expect(file.cases.first?.steps.count == 5)
    }
}
