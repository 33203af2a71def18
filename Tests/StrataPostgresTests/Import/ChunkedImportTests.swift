import Foundation
import PostgresNIO
import StrataCore
import StrataPostgres
import Testing

/// Chunked imports against a real PostgreSQL: each chunk commits with its checkpoint, a run that fails or loses its
/// connection at a chunk boundary is resumed by the same import, and every record loads exactly once.
@Suite struct ChunkedImportTests {
    static let events = "CREATE TABLE events (id bigint PRIMARY KEY, user_id text NOT NULL, note text)"

    /// JSON Lines of `count` events; the record at `badAt` has a user id PostgreSQL refuses (NULL).
    static func jsonLines(_ count: Int, badAt: Int? = nil) -> [UInt8] {
        var lines: [String] = []
        for index in 1...count {
            let user = index == badAt ? "null" : "\"u\(index % 7)\""
            lines.append(#"{"id": \#(index), "userId": \#(user), "note": "ёж \#(index)"}"#)
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// The md5 of the rows the events `ids` should be, and of the rows the table holds.
    static let expected = "SELECT md5(string_agg(i || ':u' || (i % 7) || ':ёж ' || i, ',' ORDER BY i)) FROM generate_series(1, 1000) i WHERE i <> ALL($IDS)"
    static let actual = "SELECT md5(string_agg(id || ':' || user_id || ':' || note, ',' ORDER BY id)) FROM events"

    func request(_ definition: String, chunkRows: Int = 100, maxErrors: Int = 0) -> ChunkedImportRequest {
        ChunkedImportRequest(
            name: "events.jsonl into events", table: "\"events\"", mode: .insert, renames: [:], extraColumn: nil,
            maxErrors: maxErrors, chunkRows: chunkRows, definition: definition)
    }

    func running(
        _ fixture: MigrationFixture, _ input: ImportInput, _ request: ChunkedImportRequest,
        hook: (@Sendable (DatabaseSession, Int) async throws(StrataError) -> Void)? = nil
    ) async throws -> ChunkedImportOutcome {
        let session = try await fixture.session()
        do {
            var chunkHook: (@Sendable (Int) async throws(StrataError) -> Void)?
            if let hook {
                chunkHook = { (chunk: Int) async throws(StrataError) -> Void in try await hook(session, chunk) }
            }
            let runner = ChunkedImport(session: session, jobs: JobsTable(), chunkHook: chunkHook)
            let outcome = try await runner.run(input, request: request)
            await session.close()
            return outcome
        } catch {
            await session.close()
            throw error
        }
    }

    @Test func aFailureAtAChunkBoundaryThenARerunLoadsEveryRecordOnce() async throws {
        let fixture = try await MigrationFixture.make()
        try await fixture.execute(Self.events)
        let bytes = Self.jsonLines(1000)
        let definition = "file = \"events.jsonl\"\ninto = \"events\"\n" + ImportFingerprint.of(bytes: bytes)
        let input = ImportInput.jsonLines(bytes: bytes, path: "events.jsonl")
        do {
            _ = try await running(fixture, input, request(definition)) { _, chunk throws(StrataError) in
                if chunk == 4 { throw StrataError(.connection, "the test's crash inside chunk 4") }
            }
            Issue.record("the crash in chunk 4 must stop the import")
        } catch let error as StrataError {
            #expect(error.message.contains("chunk 4"))
        }
        #expect(try await fixture.strings("SELECT count(*)::text FROM events") == ["300"])
        #expect(try await fixture.strings("SELECT state || ' ' || batches || ' ' || array_to_string(checkpoint, ',') FROM strata.jobs")
            == ["failed 3 300,\(Self.lineStart(bytes, 301)),300,300,0"])

        // Another input is refused while the job is unfinished.
        let other = Self.jsonLines(999)
        do {
            _ = try await running(
                fixture, .jsonLines(bytes: other, path: "events.jsonl"),
                request("file = \"events.jsonl\"\ninto = \"events\"\n" + ImportFingerprint.of(bytes: other)))
            Issue.record("a changed input must not resume the job")
        } catch let error as StrataError {
            #expect(error.message.contains("unfinished job 1"))
            #expect(error.exitStatus == .usage)
        }

        // The rerun (with another chunk size) continues at record 301.
        let outcome = try await running(fixture, input, request(definition, chunkRows: 250))
        #expect(outcome.resumed)
        #expect(outcome.startedAt == 300)
        #expect(outcome.checkpoint == ImportCheckpoint(position: 1000, bytes: bytes.count, read: 1000, loaded: 1000, rejected: 0))
        #expect(try await fixture.strings("SELECT count(*)::text FROM events") == ["1000"])
        #expect(try await fixture.strings(Self.actual) == fixture.strings(Self.expected.replacingOccurrences(of: "$IDS", with: "ARRAY[0]")))
        #expect(try await fixture.strings("SELECT state || ' ' || rows_done || ' ' || batches FROM strata.jobs") == ["done 1000 6"])
        // The chunks are contiguous: each starts where the one before ended, from 0 to 1000.
        #expect(try await fixture.strings("""
            SELECT string_agg(after_key[1] || '-' || last_key[1], ',' ORDER BY batch) FROM strata.job_batches
            """) == ["0-100,100-200,200-300,300-550,550-800,800-1000"])
    }

    /// The byte offset where the `line`th line starts.
    static func lineStart(_ bytes: [UInt8], _ line: Int) -> Int {
        var seen = 1
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            seen += 1
            if seen == line { return index + 1 }
        }
        return bytes.count
    }

    @Test func aConnectionLostInsideAChunkLeavesAnInterruptedJobAndRejectsStillAddUp() async throws {
        let fixture = try await MigrationFixture.make()
        try await fixture.execute(Self.events)
        let bytes = Self.jsonLines(1000, badAt: 150)
        let definition = "file = \"events.jsonl\"\ninto = \"events\"\n" + ImportFingerprint.of(bytes: bytes)
        let input = ImportInput.jsonLines(bytes: bytes, path: "events.jsonl")
        do {
            _ = try await running(fixture, input, request(definition, maxErrors: 1)) { session, chunk throws(StrataError) in
                guard chunk == 5 else { return }
                await session.close()  // as kill -9 would: the chunk's COMMIT never reaches the server
                throw StrataError(.connection, "connection lost in chunk 5")
            }
            Issue.record("the lost connection must stop the import")
        } catch let error as StrataError {
            #expect(error.code == .connection)
        }
        #expect(try await fixture.strings("SELECT count(*)::text FROM events") == ["399"])
        let jobs = try await fixture.session()
        let job = try await JobsTable().job(id: 1, in: jobs)
        await jobs.close()
        #expect(job?.state == .interrupted)
        #expect(job?.batches == 4)

        let outcome = try await running(fixture, input, request(definition, maxErrors: 1))
        #expect(outcome.startedAt == 400)
        #expect(outcome.checkpoint.read == 1000)
        #expect(outcome.checkpoint.loaded == 999)
        #expect(outcome.checkpoint.rejected == 1)
        #expect(outcome.checkpoint.read == outcome.checkpoint.loaded + outcome.checkpoint.rejected)
        #expect(try await fixture.strings("SELECT count(*)::text FROM events") == ["999"])
        #expect(try await fixture.strings(Self.actual) == fixture.strings(Self.expected.replacingOccurrences(of: "$IDS", with: "ARRAY[150]")))
    }

    @Test func parsedRecordsAreChunkedTooAndPastMaxErrorsTheEarlierChunksStay() async throws {
        let fixture = try await MigrationFixture.make()
        try await fixture.execute(Self.events)
        var csv = "id,user_id,note\n"
        for index in 1...500 { csv += "\(index),\(index == 420 ? "" : "u\(index % 7)"),ёж \(index)\n" }
        let bytes = Array(csv.utf8)
        let (records, rejects) = try ImportSource.read(bytes, path: "e.csv", format: .csv, key: nil)
        let input = ImportInput.records(records, rejects: rejects, bytes: bytes.count)
        let definition = "file = \"e.csv\"\ninto = \"events\"\n" + ImportFingerprint.of(bytes: bytes)
        do {
            _ = try await running(fixture, input, request(definition))
            Issue.record("the empty user id must stop the import")
        } catch let error as StrataError {
            #expect(error.message.contains("e.csv:421"))
            #expect(error.hint?.contains("chunk 5 was rolled back") == true)
            #expect(error.exitStatus == .failure)
        }
        #expect(try await fixture.strings("SELECT count(*)::text FROM events") == ["400"])
        let outcome = try await running(fixture, input, request(definition, maxErrors: 1))
        #expect(outcome.rejects.map(\.location) == ["e.csv:421"])
        #expect(outcome.checkpoint == ImportCheckpoint(position: 500, bytes: bytes.count, read: 500, loaded: 499, rejected: 1))
        #expect(try await fixture.strings("SELECT count(*)::text FROM events") == ["499"])
    }

    /// Runs with `interruption` triggered after chunk 2; returns the error thrown.
    func interruptedRun(_ fixture: MigrationFixture, _ input: ImportInput, _ request: ChunkedImportRequest) async throws -> String {
        let interruption = MigrationInterruption()
        let session = try await fixture.session()
        let runner = ChunkedImport(
            session: session, jobs: JobsTable(), interruption: interruption,
            progress: { event, _ in if event.chunks == 2 { interruption.trigger(reason: "SIGINT") } })
        let result: Result<ChunkedImportOutcome, StrataError> = await {
            do throws(StrataError) { return .success(try await runner.run(input, request: request)) } catch { return .failure(error) }
        }()
        await session.close()
        guard case .failure(let error) = result, error.code == .interrupted else { return "no interruption" }
        return error.message
    }

    /// Asks job 1 to pause, from a session of its own.
    static func pause(_ fixture: MigrationFixture) async throws {
        let other = try await fixture.session()
        try await JobsTable().request(.pause, id: 1, in: other)
        await other.close()
    }

    @Test func ctrlCStopsAtAChunkBoundaryAndPauseFromAnotherSessionToo() async throws {
        let fixture = try await MigrationFixture.make()
        try await fixture.execute(Self.events)
        let bytes = Self.jsonLines(1000)
        let definition = "file = \"events.jsonl\"\ninto = \"events\"\n" + ImportFingerprint.of(bytes: bytes)
        let input = ImportInput.jsonLines(bytes: bytes, path: "events.jsonl")
        let message = try await interruptedRun(fixture, input, request(definition))
        #expect(message.contains("after 200 records in 2 chunks"), "\(message)")
        #expect(try await fixture.strings("SELECT state || ' ' || batches FROM strata.jobs") == ["interrupted 2"])

        // strata jobs pause from another session lands at the next chunk boundary.
        let outcome = try await running(fixture, input, request(definition)) { _, chunk throws(StrataError) in
            guard chunk == 4 else { return }
            do { try await Self.pause(fixture) } catch { throw StrataError(.internal, "\(error)") }
        }
        #expect(outcome.result == .paused)
        #expect(outcome.checkpoint.position == 400)
        #expect(try await fixture.strings("SELECT state || ' ' || count(*) FROM strata.jobs, events GROUP BY state") == ["paused 400"])
        let finished = try await running(fixture, input, request(definition))
        #expect(finished.result == .finished)
        #expect(try await fixture.strings(Self.actual) == fixture.strings(Self.expected.replacingOccurrences(of: "$IDS", with: "ARRAY[0]")))
    }
}
