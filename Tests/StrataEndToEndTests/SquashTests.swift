import Foundation
import StrataTesting
import Testing

/// `strata squash` on the events example: a database that applied the old files and a new one both validate, and
/// both end with the same schema.
@Suite struct SquashTests {
    func database(_ prefix: String) async throws -> String {
        let server = try await TemporaryPostgres.shared()
        return server.url(for: try await server.makeDatabase(prefix: prefix))
    }

    func schema(_ project: ProjectFolder, url: String, file: String) throws -> String {
        let dump = try StrataBinary.run(["dump", "--out", file, "--database-url", url], in: project.path)
        #expect(dump.status == 0, "\(dump.output)")
        let text = try String(contentsOfFile: project.path + "/" + file, encoding: .utf8)
        return text.components(separatedBy: "-- Applied migrations").first ?? text
    }

    @Test func oldAndNewDatabasesValidateAndEndWithTheSameSchema() async throws {
        let project = try ProjectFolder()
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        try project.copyMigrations(from: "Examples/events/db/migrations")
        let backfill = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/events/db/backfills/fill_hash_input.sql")
        try project.write("db/backfills/fill_hash_input.sql", try String(contentsOf: backfill, encoding: .utf8))
        let old = try await database("squash_old")
        let shadow = try await database("squash_shadow")
        let proof = try await database("squash_proof")
        #expect(try StrataBinary.run(["migrate", "--database-url", old], in: project.path).status == 0)

        // A data statement below --to is refused, naming it.
        try project.write("db/migrations/20251102120050_v2_seed_row.sql", "INSERT INTO events (title) VALUES ('x');\n")
        let refused = try StrataBinary.run(
            ["squash", "--to", "20251102120400", "--shadow-url", shadow, "--verify-url", proof], in: project.path)
        #expect(refused.status == 2, "\(refused.output)")
        #expect(refused.standardError.contains("20251102120050_v2_seed_row.sql:1: INSERT changes rows"), "\(refused.output)")
        try FileManager.default.removeItem(atPath: project.path + "/db/migrations/20251102120050_v2_seed_row.sql")

        let squashed = try StrataBinary.run(
            ["squash", "--to", "20251102120400", "--shadow-url", shadow, "--verify-url", proof], in: project.path)
        #expect(squashed.status == 0, "\(squashed.output)")
        #expect(squashed.standardOutput.contains("squashed 6 migrations (20251101000000 … 20251102120400)"), "\(squashed.output)")
        #expect(squashed.standardOutput.contains("builds the same schema"))
        let files = try FileManager.default.contentsOfDirectory(atPath: project.path + "/db/migrations").sorted()
        #expect(files == [
            "20251102120400_squash.sql", "20251102120500_v2_knowledge_embeddings.sql",
            "20251102120600_v2_backfill_hash_input.sql", "squashed",
        ])
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.path + "/db/migrations/squashed").count == 6)

        // The database that applied the old files: valid, nothing to do.
        let validateOld = try StrataBinary.run(["validate", "--database-url", old], in: project.path)
        #expect(validateOld.status == 0, "\(validateOld.output)")
        let noop = try StrataBinary.run(["migrate", "--database-url", old], in: project.path)
        #expect(noop.status == 0, "\(noop.output)")
        #expect(!noop.standardOutput.contains("applied  20251102120400"), "\(noop.output)")

        // A new database runs the squash, then the rest.
        let new = try await database("squash_new")
        let fresh = try StrataBinary.run(["migrate", "--database-url", new], in: project.path)
        #expect(fresh.status == 0, "\(fresh.output)")
        #expect(fresh.standardOutput.contains("applied  20251102120400 squash"), "\(fresh.output)")
        let validateNew = try StrataBinary.run(["validate", "--database-url", new], in: project.path)
        #expect(validateNew.status == 0, "\(validateNew.output)")
        #expect(try schema(project, url: old, file: "old.sql") == (try schema(project, url: new, file: "new.sql")))

        // The squash cannot be rolled back past.
        let rollback = try StrataBinary.run(["rollback", "--to", "0", "--database-url", new], in: project.path)
        #expect(rollback.status == 2, "\(rollback.output)")
        #expect(rollback.standardError.contains("no '-- strata:down' section"), "\(rollback.output)")
    }
}
