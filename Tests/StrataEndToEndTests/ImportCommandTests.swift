import Foundation
import Testing

/// `strata import` as a user runs it: the final line, the rejects file, exit codes.
@Suite struct ImportCommandTests {
    @Test func importsAJSONExportReportsTheBadLineAndWritesRejects() async throws {
        let project = try ProjectFolder()
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        let database = try await ProductionDatabase.make("import_cli_")
        try await database.withSession { session in
            try await session.run("CREATE TABLE notifications (id text PRIMARY KEY, user_id text NOT NULL, body text, read boolean)")
        }
        try project.write("kv_export.json", """
            {"notifications": [
              {"id": "n1", "userId": "u1", "body": "hello", "read": false},
              {"id": "n2", "userId": "u2", "body": "bad", "read": "maybe"},
              {"id": "n3", "userId": "u1", "body": "ünïcode ✓", "read": true}
            ]}
            """)
        let url = database.url
        let refused = try StrataBinary.run(["import", "kv_export.json", "--into", "notifications", "--database-url", url], in: project.path)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("kv_export.json:3"), "\(refused.output)")
        #expect(refused.standardError.contains("22P02"))
        #expect(try await database.integer("SELECT count(*) FROM notifications") == 0)

        let loaded = try StrataBinary.run(
            ["import", "kv_export.json", "--into", "notifications", "--max-errors", "1", "--rejects", "rejects.jsonl",
             "--database-url", url], in: project.path)
        #expect(loaded.status == 0, "\(loaded.output)")
        #expect(loaded.standardOutput.contains("read 3 = loaded 2 + rejected 1"))
        #expect(try String(contentsOfFile: project.path + "/rejects.jsonl", encoding: .utf8).contains("\"location\":\"kv_export.json:3\""))
        #expect(try await database.integer("SELECT count(*) FROM notifications") == 2)

        let upsert = try StrataBinary.run(
            ["import", "kv_export.json", "--into", "notifications", "--mode", "upsert", "--max-errors", "1", "--database-url", url],
            in: project.path)
        #expect(upsert.standardOutput.contains("0 rows inserted or changed"), "\(upsert.output)")
        let unknown = try StrataBinary.run(["import", "nothing.csv", "--into", "notifications", "--database-url", url], in: project.path)
        #expect(unknown.status == 2)
    }
}
