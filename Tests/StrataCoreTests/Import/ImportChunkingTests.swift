import Testing
@testable import StrataCore

/// The commit policy of an import: one transaction or chunks, the chunks after a checkpoint, and when a rerun
/// resumes a job.
@Suite struct ImportChunkingTests {
    @Test func smallInputsReplaceAndTheFlagTakeOneTransactionLargerOnesAreChunked() throws {
        #expect(try ImportChunking.decide(units: 50_000, mode: .insert, singleTransaction: nil, chunkRows: nil) == .singleTransaction)
        #expect(try ImportChunking.decide(units: 50_001, mode: .insert, singleTransaction: nil, chunkRows: nil) == .chunked(rows: 50_000))
        #expect(try ImportChunking.decide(units: 1_000, mode: .upsert, singleTransaction: nil, chunkRows: 100) == .chunked(rows: 100))
        #expect(try ImportChunking.decide(units: 10, mode: .insert, singleTransaction: false, chunkRows: 100) == .chunked(rows: 100))
        #expect(try ImportChunking.decide(units: 9_000_000, mode: .replace, singleTransaction: nil, chunkRows: nil) == .singleTransaction)
        #expect(try ImportChunking.decide(units: 9_000_000, mode: .insert, singleTransaction: true, chunkRows: nil) == .singleTransaction)
        #expect(throws: StrataError.self) { try ImportChunking.decide(units: 10, mode: .insert, singleTransaction: true, chunkRows: 5) }
        #expect(throws: StrataError.self) { try ImportChunking.decide(units: 10, mode: .replace, singleTransaction: nil, chunkRows: 5) }
        #expect(throws: StrataError.self) { try ImportChunking.decide(units: 10, mode: .insert, singleTransaction: nil, chunkRows: 0) }
        // An unfinished job continues in chunks even when the input would fit in one; never in one transaction.
        #expect(try ImportChunking.decide(units: 10, mode: .insert, singleTransaction: nil, chunkRows: nil, unfinishedJob: 3) == .chunked(rows: 50_000))
        #expect(throws: StrataError.self) {
            try ImportChunking.decide(units: 10, mode: .insert, singleTransaction: true, chunkRows: nil, unfinishedJob: 3)
        }
    }

    @Test func chunksStartAtTheCheckpointAndCoverTheRestOnce() {
        #expect(ImportChunking.chunks(total: 10, from: 0, rows: 4) == [0..<4, 4..<8, 8..<10])
        #expect(ImportChunking.chunks(total: 10, from: 8, rows: 4) == [8..<10])
        #expect(ImportChunking.chunks(total: 10, from: 10, rows: 4) == [])
        #expect(ImportChunking.chunks(total: 0, from: 0, rows: 4) == [])
        // A different chunk size on resume still starts exactly at the checkpoint.
        let resumed = ImportChunking.chunks(total: 1_000, from: 300, rows: 70)
        #expect(resumed.first?.lowerBound == 300)
        #expect(resumed.last?.upperBound == 1_000)
        #expect(resumed.map(\.count).reduce(0, +) == 700)
    }

    @Test func theCheckpointRoundTripsAndAMalformedOneIsRefused() throws {
        let point = ImportCheckpoint(position: 300, bytes: 12_345, read: 300, loaded: 298, rejected: 2)
        #expect(try ImportCheckpoint(texts: point.texts, jobID: 1) == point)
        #expect(try ImportCheckpoint(texts: nil, jobID: 1) == ImportCheckpoint())
        #expect(throws: StrataError.self) { try ImportCheckpoint(texts: ["12"], jobID: 1) }
        #expect(throws: StrataError.self) { try ImportCheckpoint(texts: ["a", "1", "2", "3", "4"], jobID: 1) }
    }

    func job(_ state: JobRecord.State, definition: String = "file = \"a\"\n", checkpoint: [String]? = nil) -> JobRecord {
        JobRecord(id: 7, kind: .import, name: "a", target: "t", state: state, definition: definition, keyColumns: ImportCheckpoint.fields,
                  checkpoint: checkpoint)
    }

    @Test func anUnfinishedJobWithTheSameInputResumesAnyOtherIsNewOrRefused() throws {
        let definition = "file = \"a\"\n"
        #expect(try ImportResumeDecision.decide(existing: nil, definition: definition) == .start)
        #expect(try ImportResumeDecision.decide(existing: job(.done), definition: definition) == .start)
        #expect(try ImportResumeDecision.decide(existing: job(.cancelled), definition: definition) == .start)
        for state in [JobRecord.State.interrupted, .failed, .paused, .running] {
            let found = job(state, checkpoint: ["200", "900", "200", "199", "1"])
            #expect(try ImportResumeDecision.decide(existing: found, definition: definition)
                == .resume(found, ImportCheckpoint(position: 200, bytes: 900, read: 200, loaded: 199, rejected: 1)))
        }
        do {
            _ = try ImportResumeDecision.decide(existing: job(.interrupted, definition: "file = \"b\"\n"), definition: definition)
            Issue.record("another input must not resume the job")
        } catch {
            #expect(error.message.contains("unfinished job 7"))
            #expect(error.hint?.contains("strata jobs cancel 7") == true)
        }
    }

    @Test func progressMapsTheDecompressedPositionToTheFileSize() {
        let event = ImportProgress(
            jobID: 1, chunks: 2, chunksTotal: 4, checkpoint: ImportCheckpoint(position: 50, bytes: 500, read: 50, loaded: 50),
            bytesTotal: 1_000, readThisRun: 50, seconds: 2)
        #expect(event.fraction == 0.5)
        #expect(event.bytesRead(ofFileSized: 120) == 60)
        #expect(event.rate == 25)
    }
}
