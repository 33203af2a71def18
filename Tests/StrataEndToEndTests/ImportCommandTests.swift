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

    @Test func gzipCompressedFilesAreReadAndATruncatedOneIsNamed() async throws {
        let project = try ProjectFolder()
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        let database = try await ProductionDatabase.make("import_gzip_")
        try await database.withSession { session in
            try await session.run("CREATE TABLE events (id bigint PRIMARY KEY, user_id text NOT NULL, note text)")
        }
        var lines: [String] = []
        for index in 1...2000 { lines.append(#"{"id": \#(index), "userId": "u\#(index % 7)", "note": "ёж \#(index)"}"#) }
        try project.write("events.jsonl", lines.joined(separator: "\n") + "\n")
        try project.write("more.csv", "id,user_id,note\n3001,u1,\"a, quoted\"\n3002,u2,\n")
        for file in ["events.jsonl", "more.csv"] {
            let (status, output) = try ToolPaths.run("/usr/bin/env", ["gzip", file], in: project.path)
            #expect(status == 0, "\(output)")
        }
        let url = database.url
        let jsonl = try StrataBinary.run(["import", "events.jsonl.gz", "--into", "events", "--database-url", url], in: project.path)
        #expect(jsonl.status == 0, "\(jsonl.output)")
        #expect(jsonl.standardOutput.contains("read 2000 = loaded 2000 + rejected 0"), "\(jsonl.output)")
        let csv = try StrataBinary.run(["import", "more.csv.gz", "--into", "events", "--database-url", url], in: project.path)
        #expect(csv.status == 0, "\(csv.output)")
        #expect(try await database.integer("SELECT count(*) FROM events") == 2002)
        #expect(try await database.texts("SELECT note FROM events WHERE id = 3001") == ["a, quoted"])

        let whole = try Data(contentsOf: URL(fileURLWithPath: project.path + "/events.jsonl.gz"))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: project.path + "/cut.jsonl.gz"))
        let cut = try StrataBinary.run(["import", "cut.jsonl.gz", "--into", "events", "--database-url", url], in: project.path)
        #expect(cut.status == 2, "\(cut.output)")
        #expect(cut.standardError.contains("cannot decompress cut.jsonl.gz"), "\(cut.output)")
        #expect(try await database.integer("SELECT count(*) FROM events") == 2002)
    }
}
