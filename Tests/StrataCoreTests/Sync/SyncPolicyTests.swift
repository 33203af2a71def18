import Foundation
import Testing

@testable import StrataCore

/// The sync's policy without a database: which step each phase allows, how a pair is checked against the two
/// tables, and how the copy resumes and stops.
@Suite struct SyncPolicyTests {
    typealias Column = SyncTableShape.Column

    static let clients = SyncTableShape(
        name: QualifiedTableName(schema: "public", table: "clients"),
        columns: [
            Column(name: "id", type: "integer", notNull: true, hasDefault: true, generated: false),
            Column(name: "name", type: "text", notNull: true, hasDefault: false, generated: false),
            Column(name: "client_id", type: "integer", notNull: true, hasDefault: false, generated: false),
            Column(name: "legacy", type: "text", notNull: true, hasDefault: false, generated: false),
        ],
        primaryKey: ["id"], uniqueKeys: [["id"]])
    static let leads = SyncTableShape(
        name: QualifiedTableName(schema: "horizontal", table: "leads"),
        columns: [
            Column(name: "id", type: "bigint", notNull: true, hasDefault: false, generated: false),
            Column(name: "name", type: "text", notNull: true, hasDefault: false, generated: false),
            Column(name: "lead_id", type: "integer", notNull: true, hasDefault: false, generated: false),
            Column(name: "vertical_id", type: "text", notNull: true, hasDefault: false, generated: false),
            Column(name: "note", type: "text", notNull: false, hasDefault: false, generated: false),
            Column(name: "search", type: "tsvector", notNull: false, hasDefault: false, generated: true),
        ],
        primaryKey: ["id"], uniqueKeys: [["id"]])

    func pair(_ columns: [(String, String)], key: [String]? = nil) -> SyncTablePlan {
        SyncTablePlan(
            from: Self.clients.name, to: Self.leads.name, key: key,
            columns: columns.enumerated().map { SyncColumnMapping(target: $1.0, expression: $1.1, line: 10 + $0) }, line: 3)
    }

    func refusal(_ plan: SyncTablePlan, from: SyncTableShape = clients, to: SyncTableShape = leads) -> StrataError? {
        do {
            _ = try ResolvedSyncTable.resolve(plan, from: from, to: to, path: "p.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test func resolvesSameNamedRenamedAndConstantColumns() throws {
        let resolved = try ResolvedSyncTable.resolve(
            pair([("lead_id", "client_id"), ("vertical_id", "'repair'")]), from: Self.clients, to: Self.leads, path: "p.toml")
        #expect(resolved.targets.map(\.column) == ["id", "name", "lead_id", "vertical_id"])
        #expect(resolved.targets.map(\.expression) == ["\"id\"", "\"name\"", "\"client_id\"", "'repair'"])
        #expect(resolved.fromKey == ["id"])
        #expect(resolved.toKey == ["id"])
        #expect(resolved.toKeyTypes == ["bigint"])
        // legacy is NOT NULL without default and nothing copies it back: cut-over would be refused.
        #expect(resolved.unwritableOldColumns == ["legacy"])
        #expect(resolved.viewColumns.map { $0.new } == ["id", "name", "lead_id", nil])
    }

    @Test func refusals() throws {
        let uncovered = try #require(refusal(pair([("lead_id", "client_id")])))
        #expect(uncovered.message.contains("NOT NULL column without a default that nothing fills: vertical_id"))
        #expect(uncovered.location?.line == 3)
        #expect(uncovered.code == .syncRefused)

        let unknown = try #require(refusal(pair([("lead", "client_id"), ("vertical_id", "'r'")])))
        #expect(unknown.message == "'lead' is not a column of horizontal.leads")
        #expect(unknown.location?.line == 10)

        let generated = try #require(refusal(pair([("search", "'x'"), ("lead_id", "client_id"), ("vertical_id", "'r'")])))
        #expect(generated.message.contains("generated column"))

        let notUnique = try #require(refusal(pair([("lead_id", "client_id"), ("vertical_id", "'r'")], key: ["name"])))
        #expect(notUnique.message.contains("is not unique on public.clients"))

        let keyNotCopied = try #require(refusal(pair([("id", "id + 1"), ("lead_id", "client_id"), ("vertical_id", "'r'")])))
        #expect(keyNotCopied.message.contains("the key column 'id' of public.clients is not copied as it is"))

        var noKey = Self.clients
        noKey.primaryKey = []
        noKey.uniqueKeys = []
        let missingKey = try #require(refusal(pair([("lead_id", "client_id"), ("vertical_id", "'r'")]), from: noKey))
        #expect(missingKey.message == "public.clients has no primary key")
        #expect(missingKey.hint?.contains("key = [") == true)

        var noTargetKey = Self.leads
        noTargetKey.uniqueKeys = []
        let targetNotUnique = try #require(refusal(pair([("lead_id", "client_id"), ("vertical_id", "'r'")]), to: noTargetKey))
        #expect(targetNotUnique.message == "(id) is not unique on horizontal.leads")
    }

    @Test("which step each phase allows", arguments: [
        (SyncPhase.Step.start, nil, true), (.start, .aborted, true), (.start, .copying, true), (.start, .synced, true),
        (.start, .cutover, false), (.start, .completed, false),
        (.verify, nil, false), (.verify, .copying, false), (.verify, .synced, true), (.verify, .cutover, true),
        (.verify, .completed, false),
        (.cutover, .copying, false), (.cutover, .synced, true), (.cutover, .cutover, true), (.cutover, nil, false),
        (.complete, .synced, false), (.complete, .cutover, true), (.complete, .completed, true),
        (.abort, nil, true), (.abort, .copying, true), (.abort, .synced, true), (.abort, .cutover, true),
        (.abort, .completed, false),
    ] as [(SyncPhase.Step, SyncPhase?, Bool)])
    func phases(step: SyncPhase.Step, phase: SyncPhase?, allowed: Bool) {
        var refused: StrataError?
        do {
            try SyncPhase.check(step, table: "public.clients", phase: phase)
        } catch {
            refused = error
        }
        #expect((refused == nil) == allowed, "\(step) in \(phase?.rawValue ?? "none"): \(refused?.description ?? "allowed")")
        if let refused {
            #expect(refused.message.hasPrefix("public.clients: "))
            #expect(refused.hint?.isEmpty == false)
            #expect(refused.exitStatus == .usage)
        }
    }

    /// Keys 1…n in a list; a batch copies the next `limit` after `after`; `failAt` throws once at that batch.
    final class InMemoryBatches: SyncCopyBatches, @unchecked Sendable {
        let lock = NSLock()
        let keys: [Int]
        var copied: [Int] = []
        var calls = 0
        var failAt: Int?

        init(count: Int, failAt: Int? = nil) {
            keys = Array(1...count)
            self.failAt = failAt
        }

        func copyBatch(after: [String]?, limit: Int) async throws(StrataError) -> SyncCopyBatch? {
            let (fail, batch) = lock.withLock { () -> (Bool, SyncCopyBatch?) in
                calls += 1
                if calls == failAt {
                    failAt = nil
                    return (true, nil)
                }
                let start = after.flatMap { $0.first }.flatMap { Int($0) } ?? 0
                let batch = keys.filter { $0 > start }.prefix(limit)
                guard let last = batch.last else { return (false, nil) }
                copied += batch
                return (false, SyncCopyBatch(rows: batch.count, inserted: batch.count, lastKey: [String(last)]))
            }
            if fail { throw StrataError(.connection, "lost") }
            return batch
        }
    }

    @Test func copyWalksEveryKeyOnceAndResumesAfterTheCheckpoint() async throws {
        let batches = InMemoryBatches(count: 95, failAt: 4)
        let copier = SyncCopier(batchSize: 10)
        var seen: [Int64] = []
        await #expect(throws: StrataError.self) {
            _ = try await copier.copy(batches, from: nil) { seen.append($0.rows) }
        }
        #expect(seen == [10, 20, 30])
        // The checkpoint of the last committed batch is key 30: the rerun goes on from there.
        let outcome = try await copier.copy(batches, from: ["30"])
        #expect(outcome.rows == 65)
        #expect(outcome.batches == 7)
        #expect(batches.copied == Array(1...95))
    }

    @Test func anInterruptionStopsBetweenBatchesSayingHowToResume() async throws {
        let interruption = MigrationInterruption()
        let batches = InMemoryBatches(count: 100)
        let copier = SyncCopier(batchSize: 10, interruption: interruption)
        do {
            _ = try await copier.copy(batches, from: nil) { outcome in
                if outcome.batches == 2 { interruption.trigger(reason: "SIGINT") }
            }
            Issue.record("the copy was not interrupted")
        } catch {
            #expect(error.code == .interrupted)
            #expect(error.message.contains("20 rows copied by this run are kept"))
            #expect(error.hint?.contains("strata sync start") == true)
        }
        #expect(batches.copied.count == 20)
    }
}

/// The retry of short sync DDL steps after a lock timeout.
@Suite struct LockTimeoutRetryTests {
    final class Counter: @unchecked Sendable {
        var calls = 0
        var slept: [Duration] = []
    }

    @Test func lockTimeoutsAreRetriedWithBackoffOtherErrorsAreNot() async throws {
        let retry = LockTimeoutRetry(
            backoff: RetryBackoff(retries: 3, initialDelay: .milliseconds(100), maximumDelay: .seconds(1)), unitRandom: { 0 })
        let counter = Counter()
        let value = try await retry.run({ () throws(StrataError) -> Int in
            counter.calls += 1
            if counter.calls < 3 { throw StrataError(.migrationFailed, "lock timeout", sqlState: "55P03") }
            return 42
        }, sleep: { counter.slept.append($0) })
        #expect(value == 42)
        #expect(counter.calls == 3)
        #expect(counter.slept == [.milliseconds(50), .milliseconds(100)])

        let other = Counter()
        do {
            _ = try await retry.run({ () throws(StrataError) -> Int in
                other.calls += 1
                throw StrataError(.migrationFailed, "deadlock", sqlState: "40P01")
            }, sleep: { other.slept.append($0) })
        } catch {
            #expect(error.sqlState == "40P01")
        }
        #expect(other.calls == 1)

        let always = Counter()
        do {
            _ = try await retry.run({ () throws(StrataError) -> Int in
                always.calls += 1
                throw StrataError(.migrationFailed, "lock timeout", sqlState: "55P03")
            }, sleep: { always.slept.append($0) })
        } catch {
            #expect(error.sqlState == "55P03")
        }
        #expect(always.calls == 4)
    }
}
