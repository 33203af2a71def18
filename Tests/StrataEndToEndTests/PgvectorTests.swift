import Foundation
import Testing

/// Seed 000's vector migration for real: on the embedded server built from pip's `pgserver` (PostgreSQL with
/// pgvector), the events example applies it with its HNSW index and rolls it back; on Debian's server (no pgvector)
/// `CommandLineTests` proves it is skipped. `scripts/test` installs pgserver; without it this test fails, never skips.
@Suite struct PgvectorTests {
    /// `<pgserver>/pginstall/bin`, from the Python package.
    static func pgserverBin() throws -> String {
        let (status, output) = try ToolPaths.run(
            "/usr/bin/env", ["python3", "-c", "import pgserver, os; print(os.path.dirname(pgserver.__file__))"], in: "/")
        guard status == 0 else {
            Issue.record("pip's pgserver is not installed (scripts/test installs it): \(output)")
            return ""
        }
        // The last line: Python may warn on the (merged) error stream first.
        let folder = output.split(separator: "\n").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return folder + "/pginstall/bin"
    }

    @Test func eventsExampleAppliesTheVectorMigrationWithItsHNSWIndexAndRollsItBack() async throws {
        let bin = try Self.pgserverBin()
        try #require(!bin.isEmpty)
        let project = try ProjectFolder()
        let environment = ["STRATA_PG_BIN": bin]
        defer {
            _ = try? StrataBinary.run(["dev", "stop"], in: project.path, environment: environment)
            try? FileManager.default.removeItem(atPath: project.path)
        }
        try project.copyMigrations(from: "Examples/events/db/migrations")
        let backfill = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/events/db/backfills/fill_hash_input.sql")
        try project.write("db/backfills/fill_hash_input.sql", try String(contentsOf: backfill, encoding: .utf8))
        func strata(_ arguments: [String]) throws -> StrataBinary.Result {
            try StrataBinary.run(arguments, in: project.path, environment: environment)
        }
        let migrate = try strata(["migrate"])
        #expect(migrate.status == 0, "\(migrate.output)")
        #expect(migrate.standardOutput.contains("applied  20251102120500 v2_knowledge_embeddings"), "\(migrate.output)")
        #expect(!migrate.standardOutput.contains("skipped"))
        let dump = try strata(["dump"])
        #expect(dump.status == 0, "\(dump.output)")
        let schema = try String(contentsOfFile: project.path + "/db/schema.sql", encoding: .utf8)
        #expect(schema.contains("USING hnsw (embedding public.vector_cosine_ops)") || schema.contains("USING hnsw (embedding vector_cosine_ops)"), "\(schema)")
        #expect(schema.contains("vector(1536)"), "\(schema)")

        let back = try strata(["rollback", "--to", "20251102120400"])
        #expect(back.status == 0, "\(back.output)")
        #expect(back.standardOutput.contains("reverted 20251102120600"))
        #expect(back.standardOutput.contains("reverted 20251102120500"))
        #expect(try strata(["dump"]).status == 0)
        let reverted = try String(contentsOfFile: project.path + "/db/schema.sql", encoding: .utf8)
        #expect(!reverted.contains("knowledge_store_embedding_idx"), "\(reverted)")
        #expect(!reverted.contains("vector(1536)"))
        let again = try strata(["migrate"])
        #expect(again.status == 0, "\(again.output)")
        #expect(again.standardOutput.contains("applied  20251102120500 v2_knowledge_embeddings"))
    }
}
