import Foundation
import PostgresNIO
import StrataCore
import StrataPostgres
import Testing

/// `strata import` against a real PostgreSQL: through COPY, bad records by file:line or key, upsert reruns, CSV.
@Suite struct ImportIntegrationTests {
    static let concerts = """
        CREATE TABLE concerts (id text PRIMARY KEY, artist_id text NOT NULL, title text NOT NULL, capacity integer,
            starts_at timestamptz, extra jsonb)
        """

    func importing(
        _ fixture: MigrationFixture, _ text: String, path: String, format: ImportSource.Format, key: String? = "concerts",
        mode: ImportMode = .insert, maxErrors: Int = 0, extraColumn: String? = nil
    ) async throws -> ImportSummary {
        let (records, rejects) = try ImportSource.read(Array(text.utf8), path: path, format: format, key: key)
        let session = try await fixture.session()
        do {
            let summary = try await Importer(session: session).run(
                records, readRejects: rejects, into: "concerts", mode: mode, renames: [:], extraColumn: extraColumn,
                maxErrors: maxErrors)
            await session.close()
            return summary
        } catch {
            await session.close()
            throw error
        }
    }

    static func export(count: Int, badAt: Int?) -> String {
        var lines = ["{", "  \"exportedAt\": \"2026-01-26T00:00:00Z\",", "  \"concerts\": ["]
        for index in 1...count {
            let capacity = index == badAt ? "\"lots\"" : String(index * 10)
            lines.append("    {\"id\": \"concert:\(index)\", \"artistId\": \"artist:\(index % 7)\", \"title\": \"Tour \(index) «ёж»\", \"capacity\": \(capacity), \"startsAt\": \"2026-0\(index % 9 + 1)-01T20:00:00Z\"}" + (index == count ? "" : ","))
        }
        lines += ["  ]", "}"]
        return lines.joined(separator: "\n")
    }

    @Test func aJSONExportWithABadRecordIsRefusedByLineOrLoadsTheRestWithMaxErrors() async throws {
        let fixture = try await MigrationFixture.make()
        try await fixture.execute(Self.concerts)
        let text = Self.export(count: 300, badAt: 42)
        do {
            _ = try await importing(fixture, text, path: "kv_export.json", format: .json)
            Issue.record("expected the bad record to stop the import")
        } catch let error as StrataError {
            #expect(error.message.contains("kv_export.json:45"))
            #expect(error.sqlState == "22P02")
            #expect(error.exitStatus == .failure)
        }
        #expect(try await fixture.strings("SELECT count(*)::text FROM concerts") == ["0"])
        let summary = try await importing(fixture, text, path: "kv_export.json", format: .json, maxErrors: 1)
        #expect(summary.read == 300)
        #expect(summary.loaded == 299)
        #expect(summary.rejects.map(\.location) == ["kv_export.json:45"])
        #expect(try await fixture.strings("SELECT count(*)::text FROM concerts") == ["299"])
        #expect(try await fixture.strings("SELECT title FROM concerts WHERE id = 'concert:7'") == ["Tour 7 «ёж»"])
    }

    @Test func anUpsertRerunChangesNothing() async throws {
        let fixture = try await MigrationFixture.make()
        try await fixture.execute(Self.concerts)
        let text = Self.export(count: 50, badAt: nil)
        let first = try await importing(fixture, text, path: "e.json", format: .json, mode: .upsert)
        #expect(first.changed == 50)
        let versions = try await fixture.strings("SELECT string_agg(xmin::text, ',' ORDER BY id) FROM concerts")
        let second = try await importing(fixture, text, path: "e.json", format: .json, mode: .upsert)
        #expect(second.changed == 0)
        #expect(try await fixture.strings("SELECT string_agg(xmin::text, ',' ORDER BY id) FROM concerts") == versions)
        let duplicate = try? await importing(fixture, text, path: "e.json", format: .json, mode: .insert)
        #expect(duplicate == nil)
        let replaced = try await importing(fixture, Self.export(count: 5, badAt: nil), path: "e.json", format: .json, mode: .replace)
        #expect(replaced.loaded == 5)
        #expect(try await fixture.strings("SELECT count(*)::text FROM concerts") == ["5"])
    }

    @Test func aKeyValueTableImportsByPrefixAndNamesTheBadKey() async throws {
        let fixture = try await MigrationFixture.make()
        try await fixture.execute(Self.concerts)
        try await fixture.execute("CREATE TABLE kv_store_84730125 (key text PRIMARY KEY, value jsonb)")
        try await fixture.execute("""
            INSERT INTO kv_store_84730125 VALUES
              ('concert:1', '{"artistId": "a1", "title": "One", "capacity": 100, "promoCode": "X"}'),
              ('concert:2', '{"artistId": "a2", "title": "Two", "capacity": "many"}'),
              ('concert:3', '{"artistId": "a3", "title": "Three"}'),
              ('notification:1', '{"userId": "u1"}')
            """)
        let session = try await fixture.session()
        let summary: ImportSummary
        do {
            let (records, rejects) = try await KeyValueSource.read(table: "kv_store_84730125", prefix: "concert:", in: session)
            #expect(records.count == 3)
            summary = try await Importer(session: session).run(
                records, readRejects: rejects, into: "concerts", mode: .insert, renames: [:], extraColumn: "extra", maxErrors: 1)
            await session.close()
        } catch {
            await session.close()
            throw error
        }
        #expect(summary.rejects.map(\.location) == ["kv_store_84730125 concert:2"])
        #expect(summary.read == summary.loaded + summary.rejects.count)
        #expect(try await fixture.strings("SELECT id || ' ' || coalesce(extra::text, '-') FROM concerts ORDER BY id") == ["1 {\"promoCode\": \"X\"}", "3 -"])
    }

    @Test func csvWithQuotesLineBreaksNullsAndNonASCIIRoundTrips() async throws {
        let fixture = try await MigrationFixture.make()
        try await fixture.execute(Self.concerts)
        let csv = "id,artist_id,title,capacity,extra\n"
            + "c1,a1,\"Smith, \"\"Jr\"\" \\ back\",,\"{\"\"k\"\": \"\"v\\\\n\"\"}\"\n"
            + "c2,a2,\"two\nlines\ttab\",5,\n"
            + "c3,a3,\"Zoë 東京 🎸\",\"\",\n"
        do {
            _ = try await importing(fixture, csv, path: "c.csv", format: .csv)
            Issue.record("an empty quoted capacity is not an integer")
        } catch let error as StrataError {
            #expect(error.message.contains("c.csv:5"))
        }
        let fixed = csv.replacingOccurrences(of: "\"Zoë 東京 🎸\",\"\",", with: "\"Zoë 東京 🎸\",,")
        let summary = try await importing(fixture, fixed, path: "c.csv", format: .csv)
        #expect(summary.loaded == 3)
        let rows = try await fixture.strings("""
            SELECT id || '|' || title || '|' || coalesce(capacity::text, 'NULL') || '|' || coalesce(extra::text, 'NULL')
            FROM concerts ORDER BY id
            """)
        #expect(rows == [
            "c1|Smith, \"Jr\" \\ back|NULL|{\"k\": \"v\\\\n\"}",
            "c2|two\nlines\ttab|5|NULL",
            "c3|Zoë 東京 🎸|NULL|NULL",
        ])
    }
}
