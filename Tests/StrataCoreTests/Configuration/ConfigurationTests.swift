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

    let known = [
        ConfigurationFile.KnownKey("schema", kinds: [.string]),
        ConfigurationFile.KnownKey("statement_timeout", kinds: [.string, .number]),
        ConfigurationFile.KnownKey("lint.enforce", kinds: [.boolean]),
    ]

    func checkError(_ text: String) throws -> StrataError? {
        let file = try ConfigurationFile.parse(text, path: "strata.toml")
        do {
            try file.checkKeys(known, openSections: ["placeholders"])
            return nil
        } catch {
            return error
        }
    }

    @Test func unknownKeyIsRefusedWithLineAndNearestKey() throws {
        let failure = try #require(try checkError("schema = \"app\"\n\nstatment_timeout = \"1min\"\n"))
        #expect(failure.code == .configuration)
        #expect(failure.exitStatus == .usage)
        #expect(failure.location?.description == "strata.toml:3")
        #expect(failure.message == "unknown setting 'statment_timeout'")
        #expect(failure.hint == "did you mean 'statement_timeout'?")
        let inSection = try #require(try checkError("[lint]\nenforse = true\n"))
        #expect(inSection.message == "unknown setting 'enforse' under [lint]")
        #expect(inSection.hint == "did you mean 'enforce' under [lint]?")
        #expect(inSection.location?.line == 2)
        let far = try #require(try checkError("colour = \"red\"\n"))
        #expect(far.hint?.contains("did you mean") == false)
    }

    @Test func valueOfTheWrongTypeIsRefused() throws {
        let failure = try #require(try checkError("schema = 5\n"))
        #expect(failure.message == "'schema' must be a string, not a number")
        #expect(failure.location?.description == "strata.toml:1")
        #expect(failure.hint == "write schema = \"5\"")
        let boolean = try #require(try checkError("[lint]\nenforce = \"yes\"\n"))
        #expect(boolean.message == "'enforce' under [lint] must be a boolean, not a string")
    }

    @Test func knownKeysAndOpenSectionsPass() throws {
        #expect(try checkError("schema = \"app\"\nstatement_timeout = 0\n[lint]\nenforce = false\n[placeholders]\nanything = 1\n") == nil)
    }
}
