import Foundation
import PostgresNIO
import StrataCore
import StrataPostgres
import Testing

/// JSON Lines parsed by the server (the fast path) load exactly what the exact path loads, and a file the fast path
/// cannot take (a bad value, an unknown key, a malformed line) still gets its bad records named by file:line.
@Suite struct JSONLinesFastPathTests {
    static let table = """
        CREATE TABLE events (id bigint PRIMARY KEY, user_id text NOT NULL, kind text, amount numeric, happened_at timestamptz,
            payload jsonb, flags boolean, note text, extra jsonb)
        """

    /// Lines with escapes, backslashes, tabs between tokens, unicode, nulls, nested objects, CRLF and blank lines.
    static let lines = [
        #"{"id": 1, "userId": "u\"1\"", "kind": "click", "amount": 12.50, "happenedAt": "2026-01-01T10:00:00Z", "payload": {"a": [1, 2]}, "flags": true}"#,
        "{\"id\": 2,\t\"userId\": \"u\\\\2\", \"kind\": \"tab\\there\", \"amount\": null, \"note\": \"ёж ✓ \\u00e9\"}\r",
        "",
        #"{"id": 3, "userId": "u3", "payload": "[\"a\", 1]", "flags": false, "note": "back\\slash \\n not a newline"}"#,
        "   ",
        #"{"id": 4, "userId": "u4", "kind": null, "amount": 1e3, "payload": null}"#,
    ]

    func load(_ fixture: MigrationFixture, _ text: String, fast: Bool, mode: ImportMode = .insert, maxErrors: Int = 0,
              extra: String? = nil) async throws -> ImportSummary {
        let session = try await fixture.session()
        defer { Task { await session.close() } }
        let importer = Importer(session: session)
        if fast {
            return try await importer.runJSONLines(
                Array(text.utf8), path: "events.jsonl", into: "events", mode: mode, renames: [:], extraColumn: extra,
                maxErrors: maxErrors)
        }
        let (records, rejects) = try ImportSource.read(Array(text.utf8), path: "events.jsonl", format: .jsonl, key: nil)
        return try await importer.run(
            records, readRejects: rejects, into: "events", mode: mode, renames: [:], extraColumn: extra, maxErrors: maxErrors)
    }

    static let snapshot = """
        SELECT string_agg(concat_ws('|', id, user_id, kind, amount, happened_at, payload, flags, note, extra), E'\\n' ORDER BY id)
        FROM events
        """

    @Test func theServerLoadsWhatTheExactPathLoads() async throws {
        let fast = try await MigrationFixture.make()
        let exact = try await MigrationFixture.make()
        for fixture in [fast, exact] { try await fixture.execute(Self.table) }
        let text = Self.lines.joined(separator: "\n") + "\n"
        let fastSummary = try await load(fast, text, fast: true)
        let exactSummary = try await load(exact, text, fast: false)
        #expect(fastSummary.read == 4 && fastSummary.loaded == 4 && fastSummary.rejects.isEmpty)
        #expect(fastSummary.parsedByServer)
        #expect(!exactSummary.parsedByServer)
        #expect(exactSummary.loaded == 4)
        let fastRows = try await fast.strings(Self.snapshot)
        let exactRows = try await exact.strings(Self.snapshot)
        // jsonb prints numbers as numeric (1e3 → 1000) and objects with spaces, as the exact path's jsonb column does.
        #expect(fastRows == exactRows)
        #expect(fastRows.first?.contains(#"u"1""#) == true)
        #expect(fastRows.first?.contains(#"u\2"#) == true)
        #expect(fastRows.first?.contains("back\\slash \\n not a newline") == true)
        #expect(fastRows.first?.contains("ёж ✓ é") == true)

        // upsert of the same file changes nothing; replace loads it again.
        let again = try await load(fast, text, fast: true, mode: .upsert)
        #expect(again.changed == 0)
        let replaced = try await load(fast, text, fast: true, mode: .replace)
        #expect(replaced.loaded == 4)
        #expect(try await fast.strings(Self.snapshot) == exactRows)
    }

    @Test func unknownKeysGoToTheExtraColumnOrToTheExactPath() async throws {
        let fixture = try await MigrationFixture.make()
        try await fixture.execute(Self.table)
        let text = #"{"id": 1, "userId": "u1", "browser": "firefox", "utm": {"source": "x"}}"# + "\n" + #"{"id": 2, "userId": "u2"}"#
        let kept = try await load(fixture, text, fast: true, extra: "extra")
        #expect(kept.loaded == 2)
        #expect(kept.parsedByServer)
        #expect(try await fixture.strings("SELECT coalesce(extra::text, 'NULL') FROM events ORDER BY id")
            == [#"{"utm": {"source": "x"}, "browser": "firefox"}"#, "NULL"])
        try await fixture.execute("TRUNCATE events")
        do {
            _ = try await load(fixture, text, fast: true)
            Issue.record("an unknown key was loaded")
        } catch {
            #expect("\(error)".contains("events.jsonl:1"), "\(error)")
            #expect("\(error)".contains("unknown key 'browser'"), "\(error)")
        }
        #expect(try await fixture.strings("SELECT count(*)::text FROM events") == ["0"])
    }

    @Test func badRecordsAreStillNamedByLine() async throws {
        let fixture = try await MigrationFixture.make()
        try await fixture.execute(Self.table)
        let text = [
            #"{"id": 1, "userId": "u1"}"#, #"{"id": 2, "userId": "u2", "amount": "lots"}"#, #"{"id": 3, "userId": "u3""#,
            #"{"id": 4, "userId": "u4"}"#,
        ].joined(separator: "\n")
        do {
            _ = try await load(fixture, text, fast: true)
            Issue.record("bad records were loaded")
        } catch {
            #expect("\(error)".contains("events.jsonl:"), "\(error)")
        }
        let summary = try await load(fixture, text, fast: true, maxErrors: 2)
        #expect(summary.loaded == 2)
        #expect(!summary.parsedByServer)
        #expect(Set(summary.rejects.map(\.location)) == ["events.jsonl:2", "events.jsonl:3"])
        #expect(try await fixture.strings("SELECT string_agg(id::text, ',' ORDER BY id) FROM events") == ["1,4"])
    }
}
