import Foundation
import Testing
@testable import StrataCore

@Suite struct PlaceholderTests {
    @Test func replacesKnownNamesCaseInsensitively() throws {
        let expander = PlaceholderExpander(["Owner": "app", "schema": "shop"])
        #expect(try expander.expand("ALTER TABLE ${schema}.t OWNER TO ${OWNER};", path: "V1__x.sql")
            == "ALTER TABLE shop.t OWNER TO app;")
        #expect(try expander.expand("-- ${flyway:filename}", path: "db/V1__x.sql") == "-- V1__x.sql")
        #expect(try expander.expand("SELECT $$ { } $$, '${'", path: "x") == "SELECT $$ { } $$, '${'")
    }

    @Test func undefinedPlaceholderNamesFileLineAndName() throws {
        let expander = PlaceholderExpander([:])
        do {
            _ = try expander.expand("SELECT 1;\nSELECT '${tenant}';\n", path: "db/V1__x.sql")
            Issue.record("expected an error")
        } catch {
            #expect(error.location == FileLocation(path: "db/V1__x.sql", line: 2))
            #expect(error.message.contains("${tenant}"))
            #expect(error.hint?.contains("STRATA_PLACEHOLDER_TENANT") == true)
        }
    }

    @Test func undefinedPlaceholderInAFlywayFolderFailsTheLoad() throws {
        let error = try #require(FormatFixture.loadError(try FormatFixture.path("flyway"), placeholders: ["app_name": "x"]))
        #expect(error.message.contains("${app_version}"))
        #expect(error.location?.path.hasSuffix("R__app_version.sql") == true)
        #expect(error.location?.line == 2)
    }
}
