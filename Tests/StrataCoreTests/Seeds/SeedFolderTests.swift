import Foundation
import Testing
@testable import StrataCore

/// Reading `db/seeds/<set>/*.sql`, their directives, and what `seed` would do with each file.
@Suite struct SeedFolderTests {
    /// Writes `files` (relative paths) into a fresh folder, runs `body` with its path, and removes it.
    func withSeeds<T>(_ files: [String: String], _ body: (String) throws -> T) throws -> T {
        let path = NSTemporaryDirectory() + "strata-seeds-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        for (name, text) in files {
            let full = path + "/" + name
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return try body(path)
    }

    func loadError(_ files: [String: String]) throws -> StrataError? {
        try withSeeds(files) { path -> StrataError? in
            do {
                _ = try SeedFolder(path: path).load()
                return nil
            } catch let error as StrataError {
                return error
            } catch {
                return nil
            }
        }
    }

    @Test func setsAndFilesInNameOrderWithTablesAndEnvironments() throws {
        let sets = try withSeeds([
            "plans/002_limits.sql": "-- strata:seed-tables plan_limits, plans\nINSERT INTO plan_limits VALUES (1);",
            "plans/001_plans.sql": "-- strata:seed-tables plans\nINSERT INTO plans VALUES (1);",
            "demo/001_users.sql": "-- strata:env Dev, test\nINSERT INTO users VALUES (1);",
            "README.md": "notes",
        ]) { try SeedFolder(path: $0).load() }
        #expect(sets.map(\.name) == ["demo", "plans"])
        #expect(sets[1].files.map(\.fileName) == ["001_plans.sql", "002_limits.sql"])
        #expect(sets[1].tables == ["plans", "plan_limits"])
        #expect(sets[1].environments == nil)
        #expect(sets[0].environments == ["dev", "test"])
        #expect(sets[0].isEnabled(in: "dev") && sets[0].isEnabled(in: "TEST"))
        #expect(!sets[0].isEnabled(in: "production") && !sets[0].isEnabled(in: nil))
        #expect(sets[1].isEnabled(in: nil) && sets[1].isEnabled(in: "production"))
        #expect(sets[1].files[0].checksum == Checksum.of("-- strata:seed-tables plans\nINSERT INTO plans VALUES (1);"))
    }

    @Test func missingFolderHasNoSets() throws {
        #expect(try SeedFolder(path: "/nonexistent/strata-seeds").load().isEmpty)
    }

    @Test func fileOutsideASetIsRefused() throws {
        let error = try #require(try loadError(["plans.sql": "SELECT 1;"]))
        #expect(error.code == .invalidSeed)
        #expect(error.message.contains("belongs to no set"))
        #expect(error.hint?.contains("<set>/plans.sql") == true)
    }

    @Test func unknownDirectiveAndBadTableNameNameTheLine() throws {
        let unknown = try #require(try loadError(["a/1.sql": "SELECT 1;\n-- strata:seed-table plans\n"]))
        #expect(unknown.message == "unknown directive '-- strata:seed-table'")
        #expect(unknown.location?.line == 2)
        let badTable = try #require(try loadError(["a/1.sql": "-- strata:seed-tables plans; DROP TABLE x\nSELECT 1;"]))
        #expect(badTable.message.contains("is not a table name"))
        #expect(badTable.location?.line == 1)
    }

    @Test func filesOfASetMustAgreeOnEnvironments() throws {
        let error = try #require(try loadError([
            "demo/1.sql": "-- strata:env dev\nSELECT 1;", "demo/2.sql": "SELECT 2;\n-- strata:env production\n",
        ]))
        #expect(error.code == .invalidSeed)
        #expect(error.location?.path.hasSuffix("demo/2.sql") == true)
        #expect(error.location?.line == 2)
        #expect(error.message.contains("limited to dev") && error.message.contains("production"))
    }

    @Test func statusesComeFromChecksumsAndHistory() throws {
        let sets = try withSeeds([
            "plans/1_a.sql": "SELECT 1;", "plans/2_b.sql": "SELECT 2;", "plans/3_c.sql": "SELECT 3;",
        ]) { try SeedFolder(path: $0).load() }
        let date = Date(timeIntervalSince1970: 0)
        let history = [
            SeedHistoryEntry(setName: "plans", fileName: "1_a.sql", checksum: Checksum.of("SELECT 1;"), appliedAt: date, appliedBy: "me"),
            SeedHistoryEntry(setName: "plans", fileName: "2_b.sql", checksum: "old", appliedAt: date, appliedBy: "me"),
            SeedHistoryEntry(setName: "plans", fileName: "0_gone.sql", checksum: "x", appliedAt: date, appliedBy: "me"),
            SeedHistoryEntry(setName: "removed", fileName: "1.sql", checksum: "x", appliedAt: date, appliedBy: "me"),
        ]
        let statuses = SeedSetStatus.statuses(of: sets, history: history, environment: nil)
        #expect(statuses.map(\.name) == ["plans", "removed"])
        #expect(statuses[0].files.map(\.fileName) == ["1_a.sql", "2_b.sql", "3_c.sql", "0_gone.sql"])
        #expect(statuses[0].files.map(\.state) == [.applied, .changed, .pending, .missing])
        #expect(statuses[0].files.map(\.needsApply) == [false, true, true, false])
        #expect(statuses[1].files.map(\.state) == [.missing])
        #expect(!statuses[1].enabled)
    }

    @Test func selectionRefusesUnknownSetsAndSetsOfOtherEnvironments() throws {
        let sets = try withSeeds([
            "plans/1.sql": "SELECT 1;", "demo/1.sql": "-- strata:env dev,test\nSELECT 1;",
        ]) { try SeedFolder(path: $0).load() }
        #expect(try SeedSelection.select([], from: sets, environment: "production", seedsDirectory: "db/seeds").map(\.name) == ["plans"])
        #expect(try SeedSelection.select([], from: sets, environment: "test", seedsDirectory: "db/seeds").map(\.name) == ["demo", "plans"])
        #expect(try SeedSelection.select(["plans", "demo"], from: sets, environment: "dev", seedsDirectory: "db/seeds").map(\.name)
            == ["demo", "plans"])
        do {
            _ = try SeedSelection.select(["demo"], from: sets, environment: "production", seedsDirectory: "db/seeds")
            Issue.record("expected the demo set to be refused in production")
        } catch {
            #expect(error.code == .invalidSeed)
            #expect(error.message == "seed set 'demo' is limited to dev, test; the current environment is production")
        }
        do {
            _ = try SeedSelection.select(["knowledge"], from: sets, environment: "dev", seedsDirectory: "db/seeds")
            Issue.record("expected an unknown set to be refused")
        } catch {
            #expect(error.message == "there is no seed set 'knowledge' in db/seeds")
            #expect(error.hint == "known sets: demo, plans")
        }
    }

    /// The tables a seed depends on: its set's declared tables and what it inserts into or copies to, normalized.
    @Test func dependenciesAreDeclaredAndWrittenTablesNormalized() throws {
        let text = """
            -- strata:seed-tables Public.Plans, "Limits"
            INSERT INTO public.plans (name) VALUES ('free');
            INSERT INTO billing."Prices" VALUES (1);
            COPY audit.log FROM '/srv/audit.csv';
            COPY audit.other TO '/srv/out.csv';
            UPDATE teams SET name = 'x';
            """
        let source = try SQLSourceText(path: "s.sql", bytes: Array(text.utf8), knownDirectives: SeedDirectives.known, code: .invalidSeed)
        let file = SeedFile(setName: "plans", fileName: "s.sql", source: source, checksum: "x")
        #expect(file.writtenTables() == ["plans", "billing.Prices", "audit.log"])
        let set = SeedSet(name: "plans", path: "p", files: [file], tables: ["Public.Plans", "\"Limits\""])
        #expect(set.normalizedTables == ["plans", "Limits"])
        #expect(set.dependencies(of: file) == ["plans", "Limits", "billing.Prices", "audit.log"])
    }
}
