import Testing
@testable import StrataCore

@Suite struct ConfigurationTests {
    @Test func readsKeysSectionsAndComments() throws {
        let file = try ConfigurationFile.parse("""
            # settings
            database_url = "postgres://app@localhost/app" # trailing comment
            schema = 'strata'
            [lint]
            enforce = true
            """, path: "strata.toml")
        #expect(file["database_url"] == "postgres://app@localhost/app")
        #expect(file["schema"] == "strata")
        #expect(file["lint.enforce"] == "true")
    }

    @Test func reportsBadLinesWithLineNumber() {
        do {
            _ = try ConfigurationFile.parse("schema = \"ok\"\nnonsense here\n", path: "strata.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.location?.description == "strata.toml:2")
            #expect(error.exitStatus == .usage)
        }
    }

    @Test func timeoutValues() {
        #expect(TimeoutValue(parsing: "5s")?.milliseconds == 5_000)
        #expect(TimeoutValue(parsing: "250ms")?.milliseconds == 250)
        #expect(TimeoutValue(parsing: "2 min")?.milliseconds == 120_000)
        #expect(TimeoutValue(parsing: "100")?.milliseconds == 100)
        #expect(TimeoutValue(parsing: "5s'; DROP TABLE x; --") == nil)
        #expect(TimeoutValue(parsing: "soon") == nil)
        #expect(TimeoutValue(milliseconds: 1_800_000).description == "30min")
    }

    @Test func errorDescriptionCarriesLocationStateAndHint() {
        let error = StrataError(
            .migrationFailed, "relation \"x\" does not exist", location: FileLocation(path: "a.sql", line: 3, column: 15),
            sqlState: "42P01", hint: "create it first")
        #expect(error.description == "a.sql:3:15: relation \"x\" does not exist [SQLSTATE 42P01]\n  hint: create it first")
        #expect(error.exitStatus == .failure)
    }
}
