import Foundation
import StrataTesting
import Testing

extension SchemaToolsTests {
    /// `strata check rollbacks` on a shadow database.
    @Suite struct RollbackCheckTests {
        func shadow() async throws -> String {
            let server = try await TemporaryPostgres.shared()
            return server.url(for: try await server.makeDatabase(prefix: "shadow"))
        }

        func project() throws -> ProjectFolder {
            let project = try ProjectFolder()
            try project.write(
                "db/migrations/1_people.sql",
                "-- strata:up\nCREATE TABLE people (id int PRIMARY KEY, name text);\nCREATE INDEX people_name ON people (name);\n"
                    + "-- strata:down\nDROP TABLE people;\n")
            try project.write("db/migrations/2_seed.sql", "INSERT INTO people VALUES (1, 'a');\n")
            try project.write(
                "db/migrations/3_touch.sql",
                "-- strata:up\nCREATE FUNCTION touch() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
                    + "-- strata:down\nDROP FUNCTION touch();\n")
            return project
        }

        @Test func everyDownRestoresTheSchema() async throws {
            let project = try project()
            let result = try StrataBinary.run(["check", "rollbacks", "--shadow-url", try await shadow()], in: project.path)
            #expect(result.status == 0, "\(result.output)")
            #expect(result.standardOutput.contains("ok      1 people: up, down, up again"))
            #expect(result.standardOutput.contains("note    2 seed: no down section"))
            #expect(result.standardOutput.contains("2 of 3 down sections restore the schema"))
        }

        @Test func aDownThatLeavesAColumnBehindIsNamedWithExitFour() async throws {
            let project = try project()
            try project.write(
                "db/migrations/4_nickname.sql",
                "-- strata:up\nALTER TABLE people ADD COLUMN nickname text;\nCREATE INDEX people_nick ON people (nickname);\n"
                    + "-- strata:down\nDROP INDEX people_nick;\n")
            try project.write("db/migrations/5_later.sql", "-- strata:up\nCREATE TABLE later (id int);\n-- strata:down\nDROP TABLE later;\n")
            let url = try await shadow()
            let result = try StrataBinary.run(["check", "rollbacks", "--shadow-url", url], in: project.path)
            #expect(result.status == 4, "\(result.output)")
            #expect(result.standardError.contains("the down section of 4 nickname does not restore the schema"))
            #expect(result.standardError.contains("+     nickname text"))
            #expect(!result.standardOutput.contains("5 later"))

            let used = try StrataBinary.run(["check", "rollbacks", "--shadow-url", url], in: project.path)
            #expect(used.status == 2, "\(used.output)")
            #expect(used.standardError.contains("is not empty"))

            let fromFive = try StrataBinary.run(["check", "rollbacks", "--from", "5", "--shadow-url", try await shadow()], in: project.path)
            #expect(fromFive.status == 0, "\(fromFive.output)")
            #expect(fromFive.standardOutput.contains("1 of 1 down sections restore the schema"))
        }

        @Test func withoutShadowURLAThrowAwayDatabaseOnTheEmbeddedServerIsUsed() async throws {
            let project = try project()
            let result = try StrataBinary.run(["check", "rollbacks"], in: project.path)
            #expect(result.status == 0, "\(result.output)")
            #expect(result.standardOutput.contains("2 of 3 down sections restore the schema"))
            _ = try StrataBinary.run(["dev", "stop"], in: project.path)
        }
    }

    /// `strata diff` (alias `drift`) on a database changed by hand.
    @Suite struct DiffTests {
        @Test func diffFindsAColumnAddedAnIndexDroppedAndAFunctionChangedByHand() async throws {
            let server = try await TemporaryPostgres.shared()
            let settings = try await server.makeDatabase(prefix: "drift")
            let url = server.url(for: settings)
            let project = try ProjectFolder()
            try project.write(
                "db/migrations/1_people.sql",
                "-- strata:up\nCREATE TABLE people (id int PRIMARY KEY, name text);\nCREATE INDEX people_name ON people (name);\n"
                    + "CREATE FUNCTION touch() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
                    + "-- strata:down\nDROP FUNCTION touch();\nDROP TABLE people;\n")
            #expect(try StrataBinary.run(["migrate", "--database-url", url], in: project.path).status == 0)
            let shadowOne = server.url(for: try await server.makeDatabase(prefix: "driftshadow"))
            let clean = try StrataBinary.run(["diff", "--shadow-url", shadowOne, "--database-url", url], in: project.path)
            #expect(clean.status == 0, "\(clean.output)")
            #expect(clean.standardOutput.contains("matches the migration folder"))

            let pgBin = "/usr/lib/postgresql/" + (try FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")
                .compactMap { Int($0) }.max().map(String.init) ?? "15") + "/bin/psql"
            let psql = Process()
            psql.executableURL = URL(fileURLWithPath: pgBin)
            psql.arguments = [url, "-qc", "ALTER TABLE people ADD COLUMN nick text; DROP INDEX people_name; "
                + "CREATE OR REPLACE FUNCTION touch() RETURNS int LANGUAGE sql AS 'SELECT 2';"]
            try psql.run()
            psql.waitUntilExit()
            #expect(psql.terminationStatus == 0)

            let shadowTwo = server.url(for: try await server.makeDatabase(prefix: "driftshadow"))
            let drift = try StrataBinary.run(["drift", "--shadow-url", shadowTwo, "--database-url", url], in: project.path)
            #expect(drift.status == 4, "\(drift.output)")
            #expect(drift.standardOutput.contains("TABLE public.people: changed\n"))
            #expect(drift.standardOutput.contains("+     nick text"))
            #expect(drift.standardOutput.contains("INDEX public.people_name: only in the migrations"))
            #expect(drift.standardOutput.contains("FUNCTION public.touch(): changed"))
            #expect(drift.standardError.contains("3 differences"))

            // --write turns the hand-made changes into a migration; with it the folder builds what the database has.
            let shadowThree = server.url(for: try await server.makeDatabase(prefix: "driftshadow"))
            let written = try StrataBinary.run(
                ["diff", "--write", "hotfix", "--shadow-url", shadowThree, "--database-url", url], in: project.path)
            #expect(written.status == 0, "\(written.output)")
            #expect(written.standardOutput.contains("for 3 differences"), "\(written.output)")
            let files = try FileManager.default.contentsOfDirectory(atPath: project.path + "/db/migrations").sorted()
            let hotfix = try #require(files.first { $0.hasSuffix("_hotfix.sql") })
            let text = try String(contentsOfFile: project.path + "/db/migrations/" + hotfix, encoding: .utf8)
            #expect(text.contains("ALTER TABLE \"public\".\"people\" ADD COLUMN nick text;"), "\(text)")
            #expect(text.contains("DROP INDEX \"public\".\"people_name\";"), "\(text)")
            #expect(text.contains("CREATE OR REPLACE FUNCTION public.touch()"), "\(text)")
            let shadowFour = server.url(for: try await server.makeDatabase(prefix: "driftshadow"))
            let after = try StrataBinary.run(["diff", "--shadow-url", shadowFour, "--database-url", url], in: project.path)
            #expect(after.status == 0, "\(after.output)")
            #expect(after.standardOutput.contains("matches the migration folder"), "\(after.output)")
            // The database has the changes already: recorded as applied, it validates and has nothing to run.
            let version = String(hotfix.prefix { $0 != "_" })
            let marked = try StrataBinary.run(["repair", "--mark-applied", version, "--database-url", url], in: project.path)
            #expect(marked.status == 0, "\(marked.output)")
            #expect(try StrataBinary.run(["validate", "--database-url", url], in: project.path).status == 0)
            let nothing = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
            #expect(nothing.status == 0 && !nothing.standardOutput.contains("applied  \(version)"), "\(nothing.output)")
            // Its down section takes a database back to the folder as it was.
            let shadowFive = server.url(for: try await server.makeDatabase(prefix: "driftshadow"))
            #expect(try StrataBinary.run(["migrate", "--database-url", shadowFive], in: project.path).status == 0)
            let down = try StrataBinary.run(["rollback", "--database-url", shadowFive], in: project.path)
            #expect(down.status == 0, "\(down.output)")
        }
    }
}
