import Foundation
import Logging
import StrataPostgres
import StrataTesting
import Testing

extension SchemaToolsTests {
    /// `strata backup`, `restore`, `migrate --backup` and `dump`, run as a user runs them, against a real PostgreSQL.
    @Suite struct BackupAndDumpTests {
        func session(_ settings: ConnectionSettings) async throws -> DatabaseSession {
            var logger = Logger(label: "test")
            logger.logLevel = .error
            return try await DatabaseSession.connect(
                configuration: try settings.postgresConfiguration(), target: "test", logger: logger)
        }

        func count(_ table: String, in settings: ConnectionSettings) async throws -> Int64 {
            let session = try await session(settings)
            do {
                let rows = try await session.run(
                    "SELECT (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', \(table)::text), false, true, '')))[1]::text::int8")
                await session.close()
                return try rows.first?.decode(Int64.self) ?? -1
            } catch {
                await session.close()
                throw error
            }
        }

        func files(_ project: ProjectFolder, suffix: String) throws -> [String] {
            let folder = project.path + "/.strata/backups"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return names.filter { $0.hasSuffix(suffix) }.sorted().map { folder + "/" + $0 }
        }

        @Test func backupThenDestructiveMigrationThenRestoreGivesBackRowsAndHistory() async throws {
            let server = try await TemporaryPostgres.shared()
            let settings = try await server.makeDatabase(prefix: "backup")
            let url = server.url(for: settings)
            let project = try ProjectFolder()
            try project.write(
                "db/migrations/1_items.sql",
                "-- strata:up\nCREATE TABLE items (id int PRIMARY KEY, name text);\n"
                    + "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 500) g;\n"
                    + "-- strata:down\nDROP TABLE items;\n")
            #expect(try StrataBinary.run(["migrate", "--database-url", url], in: project.path).status == 0)

            let backup = try StrataBinary.run(["backup", "--database-url", url], in: project.path)
            #expect(backup.status == 0, "\(backup.output)")
            #expect(backup.standardOutput.contains("newest migration 1 items"))
            let dumps = try files(project, suffix: ".dump")
            #expect(dumps.count == 1)
            let dump = try #require(dumps.first)
            let manifest = try String(contentsOfFile: try #require(files(project, suffix: ".manifest.json").first), encoding: .utf8)
            for key in ["\"sha256\"", "\"serverVersion\"", "\"sizeBytes\"", "\"toolVersion\"", "\"database\" : \"\(settings.database)\""] {
                #expect(manifest.contains(key), "\(manifest)")
            }
            let list = try StrataBinary.run(["backup", "list"], in: project.path)
            #expect(list.status == 0)
            #expect(list.standardOutput.contains((dump as NSString).lastPathComponent))

            try project.write("db/migrations/2_drop_items.sql", "-- strata:up\nDROP TABLE items;\n-- strata:down\nSELECT 1;\n")
            try project.write("db/migrations/3_later.sql", "CREATE TABLE later (id int);\n")
            #expect(try StrataBinary.run(["migrate", "--database-url", url], in: project.path).status == 0)
            #expect(await (try? count("items", in: settings)) == nil)

            let refused = try StrataBinary.run(["restore", dump, "--database-url", url], in: project.path)
            #expect(refused.status == 2, "\(refused.output)")
            #expect(refused.standardError.contains("--force --confirm \(settings.database)"))

            let restored = try StrataBinary.run(
                ["restore", dump, "--force", "--confirm", settings.database, "--database-url", url], in: project.path)
            #expect(restored.status == 0, "\(restored.output)")
            #expect(try await count("items", in: settings) == 500)
            #expect(await (try? count("later", in: settings)) == nil)
            let status = try StrataBinary.run(["status", "--json", "--database-url", url], in: project.path)
            let object = try JSONSerialization.jsonObject(with: Data(status.standardOutput.utf8)) as? [String: Any]
            let states = (object?["migrations"] as? [[String: Any]] ?? []).compactMap { $0["state"] as? String }
            #expect(states == ["applied", "pending", "pending"])

            var copy = settings
            copy.database = settings.database + "_copy"
            let into = try StrataBinary.run(["restore", dump, "--into", copy.database, "--database-url", url], in: project.path)
            #expect(into.status == 0, "\(into.output)")
            #expect(try await count("items", in: copy) == 500)
            let again = try StrataBinary.run(["restore", dump, "--into", copy.database, "--database-url", url], in: project.path)
            #expect(again.status == 2, "\(again.output)")

            let handle = try #require(FileHandle(forWritingAtPath: dump))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data([0]))
            try handle.close()
            let tampered = try StrataBinary.run(
                ["restore", dump, "--into", settings.database + "_bad", "--database-url", url], in: project.path)
            #expect(tampered.status == 4, "\(tampered.output)")
            #expect(tampered.standardError.contains("does not match its manifest"))
        }

        @Test func migrateBackupTakesOneOnlyWhenSomethingIsPendingAndKeepPrunes() async throws {
            let server = try await TemporaryPostgres.shared()
            let url = server.url(for: try await server.makeDatabase(prefix: "migbackup"))
            let project = try ProjectFolder()
            try project.write("db/migrations/1_a.sql", "CREATE TABLE a (id int);")
            let first = try StrataBinary.run(["migrate", "--backup", "--database-url", url], in: project.path)
            #expect(first.status == 0, "\(first.output)")
            #expect(first.standardOutput.contains("backed up "))
            #expect(try files(project, suffix: ".dump").count == 1)

            let nothing = try StrataBinary.run(["migrate", "--backup", "--database-url", url], in: project.path)
            #expect(nothing.status == 0, "\(nothing.output)")
            #expect(!nothing.standardOutput.contains("backed up "))
            #expect(try files(project, suffix: ".dump").count == 1)

            try project.write("strata.toml", "[backup]\nbefore_migrate = true\n")
            try project.write("db/migrations/2_b.sql", "CREATE TABLE b (id int);")
            try await Task.sleep(for: .milliseconds(1100))  // the file name has a one-second timestamp
            let second = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
            #expect(second.status == 0, "\(second.output)")
            #expect(try files(project, suffix: ".dump").count == 2)

            try await Task.sleep(for: .milliseconds(1100))
            let kept = try StrataBinary.run(["backup", "--keep", "1", "--database-url", url], in: project.path)
            #expect(kept.status == 0, "\(kept.output)")
            #expect(kept.standardOutput.components(separatedBy: "removed ").count - 1 == 2)
            #expect(try files(project, suffix: ".dump").count == 1)
            #expect(try files(project, suffix: ".manifest.json").count == 1)
        }

        @Test func dumpIsByteStableAndCheckCatchesAManualAlterTable() async throws {
            let server = try await TemporaryPostgres.shared()
            let settings = try await server.makeDatabase(prefix: "dump")
            let url = server.url(for: settings)
            let project = try ProjectFolder()
            try project.write(
                "db/migrations/1_people.sql",
                "CREATE TABLE people (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);\n"
                    + "CREATE INDEX people_name ON people (name);\n")
            try project.write("db/migrations/2_pets.sql", "CREATE TABLE pets (id int PRIMARY KEY, owner bigint REFERENCES people);\n")
            #expect(try StrataBinary.run(["migrate", "--database-url", url], in: project.path).status == 0)

            let first = try StrataBinary.run(["dump", "--database-url", url], in: project.path)
            #expect(first.status == 0, "\(first.output)")
            let text = try String(contentsOfFile: project.path + "/db/schema.sql", encoding: .utf8)
            #expect(text.contains("CREATE TABLE public.people"))
            #expect(text.contains("CREATE INDEX people_name"))
            #expect(!text.contains("schema_history"))
            #expect(!text.contains("Dumped from"))
            #expect(!text.contains("OWNER TO"))
            #expect(text.hasSuffix("-- 1 people\n-- 2 pets\n"))

            let second = try StrataBinary.run(["dump", "--database-url", url], in: project.path)
            #expect(second.status == 0)
            #expect(try String(contentsOfFile: project.path + "/db/schema.sql", encoding: .utf8) == text)
            let clean = try StrataBinary.run(["dump", "--check", "--database-url", url], in: project.path)
            #expect(clean.status == 0, "\(clean.output)")

            let session = try await session(settings)
            try await session.run("ALTER TABLE people ADD COLUMN nickname text")
            await session.close()
            let drift = try StrataBinary.run(["dump", "--check", "--database-url", url], in: project.path)
            #expect(drift.status == 4, "\(drift.output)")
            #expect(drift.standardError.contains("differs from the database"))
            #expect(drift.standardError.contains("nickname"))
            #expect(try String(contentsOfFile: project.path + "/db/schema.sql", encoding: .utf8) == text)
        }
    }
}
