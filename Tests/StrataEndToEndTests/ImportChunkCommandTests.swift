import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Chunked imports and mapping files as a user runs them: kill -9 inside a chunk then `strata jobs resume`, a bad
/// record chunked and in one transaction, `strata import NAME` and a mapping file's error by file:line.
@Suite struct ImportChunkCommandTests {
    static func events(_ count: Int, badAt: Int? = nil) -> String {
        (1...count).map { index in
            #"{"id": \#(index), "userId": \#(index == badAt ? "null" : "\"u\(index % 7)\""), "note": "ёж \#(index)"}"#
        }.joined(separator: "\n") + "\n"
    }

    static let table = "CREATE TABLE events (id bigint PRIMARY KEY, user_id text NOT NULL, note text)"
    static let checksum = "SELECT md5(string_agg(id || ':' || user_id || ':' || note, ',' ORDER BY id)) FROM events"
    static let expected = "SELECT md5(string_agg(i || ':u' || (i % 7) || ':ёж ' || i, ',' ORDER BY i)) FROM generate_series(1, 5000) i"

    @Test func killNineInsideAChunkThenJobsResumeLoadsEveryRecordOnce() async throws {
        let project = try ProjectFolder()
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        let database = try await ProductionDatabase.make("import_kill_")
        try await database.withSession { session in
            try await session.run("\(unescaped: Self.table)")
            // Record 2500 (in chunk 3) stalls its INSERT, so the kill always lands inside a chunk.
            try await session.run("""
                CREATE FUNCTION stall() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.id = 2500 THEN PERFORM pg_sleep(120); END IF; RETURN NEW; END $$
                """)
            try await session.run("CREATE TRIGGER stall BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION stall()")
        }
        try project.write("events.jsonl", Self.events(5000))
        let arguments = ["import", "events.jsonl", "--into", "events", "--chunk-rows", "1000", "--database-url", database.url]
        let victim = try StrataProcess.start(arguments, in: project.path)
        defer { victim.stop() }
        #expect(await BackfillCommandTests.waitFor(database, "SELECT (count(*) >= 2)::int::bigint FROM strata.job_batches"))
        #expect(await BackfillCommandTests.waitFor(database, """
            SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'WITH loaded AS%'
            """))
        victim.send(SIGKILL)
        _ = await victim.finish(within: .seconds(5))
        // The server would sleep on for the dead client: end its backend, as a restart would.
        _ = try await database.texts("""
            SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
            """)
        #expect(try await database.waitUntil("""
            SELECT (count(*) = 0)::int::bigint FROM pg_locks WHERE locktype = 'advisory' AND classid = 1398034506::oid
            """))
        #expect(try await database.integer("SELECT count(*) FROM events") == 2000)
        let listed = try StrataBinary.run(["jobs", "--json", "--database-url", database.url], in: project.path)
        #expect(listed.standardOutput.contains("\"state\":\"interrupted\""), "\(listed.output)")
        try await database.withSession { session in try await session.run("DROP TRIGGER stall ON events") }

        let resumed = try StrataBinary.run(["jobs", "resume", "1", "--database-url", database.url], in: project.path)
        #expect(resumed.status == 0, "\(resumed.output)")
        #expect(resumed.standardOutput.contains("read 5000 = loaded 5000 + rejected 0"), "\(resumed.output)")
        #expect(resumed.standardOutput.contains("resumed at record 2000"), "\(resumed.output)")
        // Away from a terminal: a progress line on standard error, by bytes read, the first one at once.
        #expect(resumed.standardError.contains("import: 59%, 144.3 kB / 242.0 kB, 3,000 records, "), "\(resumed.output)")
        #expect(resumed.standardError.contains("records/s, chunk 3 of 5"), "\(resumed.output)")
        #expect(try await database.integer("SELECT count(*) FROM events") == 5000)
        #expect(try await database.texts(Self.checksum) == database.texts(Self.expected))
        // The job's chunk size is kept: chunks 3 to 5 of 1,000 records each, starting where the one before ended.
        #expect(try await database.texts("""
            SELECT string_agg(after_key[1] || '-' || last_key[1], ',' ORDER BY batch) FROM strata.job_batches
            """) == ["0-1000,1000-2000,2000-3000,3000-4000,4000-5000"])
        #expect(try await database.texts("SELECT state FROM strata.jobs") == ["done"])
    }

    @Test func aBadRecordKeepsTheEarlierChunksButInOneTransactionLoadsNothing() async throws {
        let project = try ProjectFolder()
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        let database = try await ProductionDatabase.make("import_single_")
        try await database.withSession { session in try await session.run("\(unescaped: Self.table)") }
        try project.write("e.jsonl", Self.events(300, badAt: 250))
        let url = database.url
        let single = try StrataBinary.run(
            ["import", "e.jsonl", "--into", "events", "--single-transaction", "--database-url", url], in: project.path)
        #expect(single.status == 1, "\(single.output)")
        #expect(single.standardError.contains("e.jsonl:250"), "\(single.output)")
        #expect(try await database.integer("SELECT count(*) FROM events") == 0)
        #expect(try await database.integer("SELECT (to_regclass('strata.jobs') IS NULL)::int::bigint") == 1)

        let chunked = try StrataBinary.run(
            ["import", "e.jsonl", "--into", "events", "--chunk-rows", "100", "--database-url", url], in: project.path)
        #expect(chunked.status == 1, "\(chunked.output)")
        #expect(chunked.standardError.contains("e.jsonl:250"), "\(chunked.output)")
        #expect(chunked.standardError.contains("chunk 3 was rolled back"), "\(chunked.output)")
        #expect(try await database.integer("SELECT count(*) FROM events") == 200)

        let rest = try StrataBinary.run(
            ["import", "e.jsonl", "--into", "events", "--chunk-rows", "100", "--max-errors", "1", "--rejects", "r.jsonl",
             "--database-url", url], in: project.path)
        #expect(rest.status == 0, "\(rest.output)")
        #expect(rest.standardOutput.contains("read 300 = loaded 299 + rejected 1"), "\(rest.output)")
        #expect(try String(contentsOfFile: project.path + "/r.jsonl", encoding: .utf8).contains("\"location\":\"e.jsonl:250\""))
        #expect(try await database.integer("SELECT count(*) FROM events") == 299)
    }

    @Test func aMappingFileImportsAndItsErrorsNameTheLine() async throws {
        let project = try ProjectFolder()
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        let database = try await ProductionDatabase.make("import_mapping_")
        try await database.withSession { session in
            try await session.run("CREATE TABLE notifications (id text PRIMARY KEY, owner_id text NOT NULL, body text, extra jsonb)")
            try await session.run("CREATE TABLE archive (id text PRIMARY KEY, owner_id text NOT NULL, body text, extra jsonb)")
        }
        try project.write("exports/kv.json", """
            {"notifications": [
              {"id": "n1", "userId": "u1", "body": "hello", "promoCode": "X"},
              {"id": "n2", "userId": "u2", "body": "ёж"}
            ]}
            """)
        try project.write("db/imports/notifications.toml", """
            # the KV export's notifications
            file = "exports/kv.json"
            into = "notifications"
            mode = "upsert"
            extra_column = "extra"

            [columns]
            userId = "owner_id"
            """)
        let url = database.url
        let loaded = try StrataBinary.run(["import", "notifications", "--database-url", url], in: project.path)
        #expect(loaded.status == 0, "\(loaded.output)")
        #expect(loaded.standardOutput.contains("read 2 = loaded 2 + rejected 0 (mode upsert, 2 rows inserted or changed"), "\(loaded.output)")
        #expect(try await database.texts("SELECT id || ' ' || owner_id || ' ' || coalesce(extra::text, '-') FROM notifications ORDER BY id")
            == ["n1 u1 {\"promoCode\": \"X\"}", "n2 u2 -"])
        // A flag overrides the file (the member to read stays the file's table name: --key gives it).
        let overridden = try StrataBinary.run(
            ["import", "notifications", "--into", "archive", "--key", "notifications", "--database-url", url], in: project.path)
        #expect(overridden.status == 0, "\(overridden.output)")
        #expect(try await database.integer("SELECT count(*) FROM archive") == 2)

        try project.write("db/imports/broken.toml", """
            file = "exports/kv.json"
            into = "notifications"
            mode = "merge"
            """)
        let broken = try StrataBinary.run(["import", "broken", "--database-url", url], in: project.path)
        #expect(broken.status == 2, "\(broken.output)")
        #expect(broken.standardError.contains("db/imports/broken.toml:3"), "\(broken.output)")
        #expect(broken.standardError.contains("mode must be insert, upsert or replace"), "\(broken.output)")
        let missing = try StrataBinary.run(["import", "nope", "--database-url", url], in: project.path)
        #expect(missing.status == 2, "\(missing.output)")
        #expect(missing.standardError.contains("no mapping file db/imports/nope.toml"), "\(missing.output)")
    }

    @Test func fiftyThousandRecordsTakeOneTransactionOneMoreIsChunkedByDefault() async throws {
        let project = try ProjectFolder()
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        let database = try await ProductionDatabase.make("import_default_")
        try await database.withSession { session in
            try await session.run("\(unescaped: Self.table)")
            try await session.run("CREATE TABLE more (LIKE events INCLUDING ALL)")
        }
        let lines = Self.events(50_001).split(separator: "\n")
        try project.write("fifty.jsonl", lines.prefix(50_000).joined(separator: "\n") + "\n")
        try project.write("more.jsonl", lines.joined(separator: "\n") + "\n")
        let url = database.url
        let fifty = try StrataBinary.run(["import", "fifty.jsonl", "--into", "events", "--database-url", url], in: project.path)
        #expect(fifty.status == 0, "\(fifty.output)")
        #expect(fifty.standardOutput.contains("read 50000 = loaded 50000 + rejected 0 (mode insert)"), "\(fifty.output)")
        #expect(try await database.integer("SELECT (to_regclass('strata.jobs') IS NULL)::int::bigint") == 1)
        let more = try StrataBinary.run(["import", "more.jsonl", "--into", "more", "--database-url", url], in: project.path)
        #expect(more.status == 0, "\(more.output)")
        #expect(more.standardOutput.contains("read 50001 = loaded 50001 + rejected 0 (mode insert, 2 chunks of up to 50,000 records, job 1)"), "\(more.output)")
        #expect(try await database.integer("SELECT count(*) FROM more") == 50_001)
        #expect(try await database.texts("SELECT string_agg(rows::text, ',' ORDER BY batch) FROM strata.job_batches") == ["50000,1"])
    }
}
