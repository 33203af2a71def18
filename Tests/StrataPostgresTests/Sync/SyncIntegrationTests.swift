import Foundation
import Logging
import PostgresNIO
import StrataCore
import StrataPostgres
import Testing

/// Expand/contract syncs against a real PostgreSQL, with writers inserting, updating (keys too) and deleting
/// through the whole lifecycle. Row sets are compared by the test's own SQL (EXCEPT both ways), not by Strata's
/// verify; no write may fail.
@Suite struct SyncIntegrationTests {
    static let schemaSQL = [
        "CREATE TABLE clients (id serial PRIMARY KEY, name text NOT NULL, email text, created_at timestamptz NOT NULL DEFAULT now())",
        "CREATE TABLE orders (id bigserial PRIMARY KEY, client_id integer NOT NULL REFERENCES clients, amount integer NOT NULL, note text)",
        "INSERT INTO clients (name, email) SELECT 'client ' || g, 'c' || g || '@example.com' FROM generate_series(1, 4000) g",
        "INSERT INTO orders (client_id, amount, note) SELECT 1 + g % 4000, g % 1000, 'order ' || g FROM generate_series(1, 30000) g",
        "CREATE SCHEMA horizontal",
        "CREATE TABLE horizontal.leads (LIKE public.clients INCLUDING ALL, vertical_id text NOT NULL)",
        "CREATE TABLE horizontal.orders (id bigint PRIMARY KEY, lead_id integer NOT NULL REFERENCES horizontal.leads, amount integer NOT NULL, note text, vertical_id text NOT NULL)",
    ]

    static let planText = """
        # seed 004, reduced: clients → leads, client_id → lead_id, a constant vertical_id
        [[table]]
        from = "public.clients"
        to = "horizontal.leads"
        [table.columns]
        vertical_id = "'repair'"

        [[table]]
        from = "public.orders"
        to = "horizontal.orders"
        key = ["id"]
        [table.columns]
        lead_id = "client_id"
        vertical_id = "'repair'"
        """

    static func engine(_ text: String = planText, batchSize: Int = 1_000) throws -> SyncEngine {
        SyncEngine(plan: try SyncPlan.parse(text, path: "db/syncs/split.toml", name: "split"), batchSize: batchSize, chunkSize: 2_000)
    }

    /// The test's own comparison: rows of `old` mapped as the plan says, against `new`, EXCEPT both ways.
    static func differences(_ fixture: MigrationFixture, clients: String, orders: String) async throws -> [String] {
        try await fixture.strings("""
            SELECT (SELECT count(*) FROM (SELECT id, name, email, created_at, 'repair' FROM \(clients)
                    EXCEPT SELECT id, name, email, created_at, vertical_id FROM horizontal.leads) a)::text || ' ' ||
                (SELECT count(*) FROM (SELECT id, name, email, created_at, vertical_id FROM horizontal.leads
                    EXCEPT SELECT id, name, email, created_at, 'repair' FROM \(clients)) b)::text || ' ' ||
                (SELECT count(*) FROM (SELECT id, client_id, amount, note, 'repair' FROM \(orders)
                    EXCEPT SELECT id, lead_id, amount, note, vertical_id FROM horizontal.orders) c)::text || ' ' ||
                (SELECT count(*) FROM (SELECT id, lead_id, amount, note, vertical_id FROM horizontal.orders
                    EXCEPT SELECT id, client_id, amount, note, 'repair' FROM \(orders)) d)::text
            """)
    }

    /// Writers through the old names for as long as `stop` is not set: inserts of clients and orders, updates,
    /// key changes and deletes of orders. Returns (writes, failures, longest statement, the order ids inserted).
    static func writer(_ session: DatabaseSession, seed: Int, stop: SyncStopFlag) async -> (Int, [String], Duration, [Int64]) {
        var writes = 0
        var failures: [String] = []
        var longest = Duration.zero
        var inserted: [Int64] = []
        var generator = SystemRandomNumberGenerator()
        let clock = ContinuousClock()
        var step = seed
        while !stop.isSet {
            step += 1
            let started = clock.now
            do {
                switch step % 6 {
                case 0:
                    let rows = try await session.run(
                        "INSERT INTO clients (name, email) VALUES ('new client', 'n@example.com') RETURNING id")
                    let id = try rows.first?.decode(Int32.self) ?? 1
                    let order = try await session.run(
                        "INSERT INTO orders (client_id, amount, note) VALUES (\(id), 7, 'fresh') RETURNING id")
                    if let orderID = try order.first?.decode(Int64.self) { inserted.append(orderID) }
                case 1, 2:
                    let id = Int64.random(in: 1...30000, using: &generator)
                    try await session.run("UPDATE orders SET amount = amount + 1, note = 'touched' WHERE id = \(id)")
                case 3:
                    let id = Int64.random(in: 1...30000, using: &generator)
                    try await session.run("UPDATE orders SET id = id + 1000000000 WHERE id = \(id)")
                case 4:
                    let id = Int64.random(in: 1...30000, using: &generator)
                    try await session.run("DELETE FROM orders WHERE id = \(id)")
                default:
                    let id = Int32.random(in: 1...4000, using: &generator)
                    try await session.run("UPDATE clients SET email = 'changed' || \(Int32(seed)) WHERE id = \(id)")
                }
                writes += 1
            } catch {
                failures.append("\(error)")
            }
            longest = max(longest, clock.now - started)
        }
        return (writes, failures, longest, inserted)
    }

    func prepared() async throws -> MigrationFixture {
        let fixture = try await MigrationFixture.make()
        for statement in Self.schemaSQL { try await fixture.execute(statement) }
        try await fixture.execute("ANALYZE")
        return fixture
    }

    @Test func startVerifyCutoverCompleteUnderWritersLosesNothing() async throws {
        let fixture = try await prepared()
        let engine = try Self.engine()
        let session = try await fixture.session()
        defer { Task { await session.close() } }
        let plans = try await engine.check(in: session)
        #expect(plans.map(\.to) == ["horizontal.leads", "horizontal.orders"])
        #expect(plans[1].columns.first { $0.column == "lead_id" }?.expression == "\"client_id\"")

        let stop = SyncStopFlag()
        let writers = try await (0..<3).asyncMap { _ in try await fixture.session() }
        let tasks = writers.enumerated().map { index, writer in
            Task { await Self.writer(writer, seed: index * 1000, stop: stop) }
        }
        let started = try await engine.start(in: session)
        #expect(started.map(\.from) == ["public.clients", "public.orders"])
        #expect(started[0].rowsCopied >= 4000)
        var reports = try await engine.verify(in: session, repair: false)
        #expect(reports.allSatisfy { $0.matches }, "\(reports)")

        let cut = try await engine.cutover(in: session, atomic: false)
        #expect(cut.map(\.archive) == ["strata_archive.public__clients", "strata_archive.public__orders"])
        // Writers keep going through the views.
        try await Task.sleep(for: .milliseconds(500))
        reports = try await engine.verify(in: session, repair: false)
        #expect(reports.allSatisfy { $0.matches }, "\(reports)")
        stop.set()
        var longest = Duration.zero
        var writes = 0
        for task in tasks {
            let (count, failures, slowest, _) = await task.value
            #expect(failures.isEmpty, "\(failures.prefix(3))")
            writes += count
            longest = max(longest, slowest)
        }
        for writer in writers { await writer.close() }
        print("sync: \(writes) writes during start, verify and cut-over; longest write \(longest); locked \(cut.map(\.locked))")
        #expect(writes > 100)
        #expect(try await Self.differences(
            fixture, clients: "strata_archive.public__clients", orders: "strata_archive.public__orders") == ["0 0 0 0"])
        // Old names read the new tables.
        let viaView = try await fixture.strings("SELECT count(*)::text FROM clients")
        #expect(try await fixture.strings("SELECT count(*)::text FROM horizontal.leads") == viaView)

        let done = try await engine.complete(in: session, dropArchive: false)
        #expect(done == ["public.orders", "public.clients"])
        #expect(try await fixture.strings("SELECT count(*)::text FROM pg_views WHERE viewname IN ('clients', 'orders')") == ["0"])
        #expect(try await fixture.strings("SELECT count(*)::text FROM pg_trigger WHERE tgname LIKE 'strata_sync_%'") == ["0"])
        #expect(try await fixture.strings("SELECT to_regclass('strata_archive.public__orders')::text") == ["strata_archive.public__orders"])
        await #expect(throws: StrataError.self) { try await engine.abort(in: session) }
    }

    @Test func abortAfterCutoverKeepsEveryRowWrittenSince() async throws {
        let fixture = try await prepared()
        let engine = try Self.engine()
        let session = try await fixture.session()
        defer { Task { await session.close() } }
        _ = try await engine.start(in: session)
        _ = try await engine.verify(in: session, repair: false)
        _ = try await engine.cutover(in: session, atomic: true)

        // Writers through the views, still writing while the abort takes its locks and restores the names.
        let stop = SyncStopFlag()
        let writers = try await (0..<3).asyncMap { _ in try await fixture.session() }
        let tasks = writers.enumerated().map { index, writer in Task { await Self.writer(writer, seed: 7 + index, stop: stop) } }
        try await Task.sleep(for: .milliseconds(800))
        let undone = try await engine.abort(in: session)
        try await Task.sleep(for: .milliseconds(300))
        stop.set()
        var writes = 0
        var insertedOrders: [Int64] = []
        for task in tasks {
            let (count, failures, _, inserted) = await task.value
            #expect(failures.isEmpty, "\(failures.prefix(3))")
            writes += count
            insertedOrders += inserted
        }
        for writer in writers { await writer.close() }
        #expect(writes > 10 && !insertedOrders.isEmpty)
        #expect(undone == ["public.orders", "public.clients"])
        // The old tables are back under their names, with every order written through the view after cut-over.
        #expect(try await fixture.strings("SELECT relkind::text FROM pg_class WHERE oid = 'public.orders'::regclass") == ["r"])
        // The writers delete and re-key only orders 1…30000; every order they inserted after cut-over is there.
        let present = try await fixture.strings(
            "SELECT count(*)::text FROM orders WHERE id IN (\(insertedOrders.map(String.init).joined(separator: ",")))")
        #expect(present == [String(insertedOrders.count)])
        #expect(try await fixture.strings("SELECT count(*)::text FROM horizontal.orders") == ["0"])
        #expect(try await fixture.strings("SELECT count(*)::text FROM pg_trigger WHERE tgname LIKE 'strata_sync_%'") == ["0"])
        #expect(try await fixture.strings("SELECT count(*)::text FROM pg_namespace n JOIN pg_class c ON c.relnamespace = n.oid WHERE n.nspname = 'strata_archive'") == ["0"])
        // A new start after the abort works again.
        let again = try await engine.start(in: session)
        #expect(again.count == 2)
        #expect(try await Self.differences(fixture, clients: "public.clients", orders: "public.orders") == ["0 0 0 0"])
    }

    @Test func abortBeforeCutoverEmptiesTheNewTablesAndRemovesTheTriggers() async throws {
        let fixture = try await prepared()
        let engine = try Self.engine()
        let session = try await fixture.session()
        defer { Task { await session.close() } }
        _ = try await engine.start(in: session)
        try await fixture.execute("INSERT INTO clients (name) VALUES ('after start')")
        #expect(try await fixture.strings("SELECT count(*)::text FROM horizontal.leads WHERE name = 'after start'") == ["1"])
        let undone = try await engine.abort(in: session)
        #expect(undone.count == 2)
        #expect(try await fixture.strings("SELECT ((SELECT count(*) FROM horizontal.leads) + (SELECT count(*) FROM horizontal.orders))::text") == ["0"])
        try await fixture.execute("INSERT INTO clients (name) VALUES ('after abort')")
        #expect(try await fixture.strings("SELECT count(*)::text FROM horizontal.leads") == ["0"])
        #expect(try await fixture.strings("SELECT count(*)::text FROM clients WHERE name LIKE 'after %'") == ["2"])
    }

    @Test func anInterruptedCopyIsAbortedOrResumedAndASecondPlanOnTheSameTableIsRefused() async throws {
        let fixture = try await prepared()
        let interruption = MigrationInterruption()
        var engine = try Self.engine(batchSize: 500)
        engine.interruption = interruption
        let session = try await fixture.session()
        defer { Task { await session.close() } }
        do {
            _ = try await engine.start(in: session) { progress in
                if progress.rows >= 1_500 { interruption.trigger(reason: "SIGINT") }
            }
            Issue.record("the copy was not interrupted")
        } catch {
            #expect(error.code == .interrupted)
        }
        #expect(try await fixture.strings("SELECT phase || ' ' || rows_copied FROM strata.sync_tables ORDER BY from_table")
            == ["copying 1500", "copying 0"])
        // Another plan that moves public.clients too is refused while this one is live.
        let other = SyncEngine(plan: try SyncPlan.parse("""
            [[table]]
            from = "public.clients"
            to = "horizontal.other"
            [table.columns]
            vertical_id = "'x'"
            """, path: "db/syncs/other.toml", name: "other"))
        try await fixture.execute("CREATE TABLE horizontal.other (LIKE public.clients INCLUDING ALL, vertical_id text NOT NULL)")
        do {
            _ = try await other.start(in: session)
            Issue.record("a second plan on the same table was accepted")
        } catch {
            #expect(error.message == "public.clients is already moved by the sync 'split'")
        }
        // Abort in the middle of the copy: back to the start.
        let undone = try await Self.engine().abort(in: session)
        #expect(undone == ["public.orders", "public.clients"])
        #expect(try await fixture.strings("SELECT count(*)::text FROM horizontal.leads") == ["0"])
        #expect(try await fixture.strings("SELECT count(*)::text FROM pg_trigger WHERE tgname LIKE 'strata_sync_%'") == ["0"])
        // The other plan may start now, and a new start of the first resumes nothing: it copies from the start.
        _ = try await other.start(in: session)
        _ = try await other.abort(in: session)
        let again = try await Self.engine().start(in: session)
        #expect(again.map(\.resumed) == [false, false])
        #expect(try await Self.differences(fixture, clients: "public.clients", orders: "public.orders") == ["0 0 0 0"])
    }

    @Test func aCorruptedRowIsFoundByKeyAndRepaired() async throws {
        let fixture = try await prepared()
        let engine = try Self.engine()
        let session = try await fixture.session()
        defer { Task { await session.close() } }
        _ = try await engine.start(in: session)
        // Bypass the trigger: change the new table directly (as a bug or a hand edit would).
        try await fixture.execute("UPDATE horizontal.orders SET amount = -1 WHERE id = 1234")
        try await fixture.execute("DELETE FROM horizontal.orders WHERE id = 20001")
        try await fixture.execute("INSERT INTO horizontal.orders VALUES (99999999, 1, 1, 'stray', 'repair')")
        let found = try await engine.verify(in: session, repair: false)
        let orders = try #require(found.last)
        #expect(!orders.matches)
        #expect(orders.differingKeys == [["1234"], ["20001"], ["99999999"]])
        await #expect(throws: StrataError.self) { _ = try await engine.cutover(in: session, atomic: false) }
        let repaired = try await engine.verify(in: session, repair: true)
        #expect(repaired.allSatisfy { $0.matches })
        #expect(repaired.last?.repaired == 3)
        #expect(try await Self.differences(fixture, clients: "public.clients", orders: "public.orders") == ["0 0 0 0"])
    }

    @Test func aPlanThatDoesNotFitIsRefusedNamingTableColumnAndLine() async throws {
        let fixture = try await prepared()
        let session = try await fixture.session()
        defer { Task { await session.close() } }
        // vertical_id is NOT NULL without default and nothing fills it.
        let uncovered = try Self.engine("""
            [[table]]
            from = "public.clients"
            to = "horizontal.leads"
            """)
        await #expect(throws: StrataError.self) { _ = try await uncovered.check(in: session) }
        do {
            _ = try await uncovered.check(in: session)
        } catch {
            #expect(error.message.contains("vertical_id"))
            #expect(error.location?.line == 1)
            #expect(error.exitStatus == .usage)
        }
        let badColumn = try Self.engine("""
            [[table]]
            from = "public.clients"
            to = "horizontal.leads"
            [table.columns]
            vertical = "'repair'"
            """)
        do {
            _ = try await badColumn.check(in: session)
            Issue.record("an unknown column was accepted")
        } catch {
            #expect(error.message.contains("'vertical' is not a column of horizontal.leads"))
            #expect(error.location?.line == 5)
        }
        let badType = try Self.engine("""
            [[table]]
            from = "public.orders"
            to = "horizontal.orders"
            [table.columns]
            lead_id = "note"
            vertical_id = "'x'"
            """)
        do {
            _ = try await badType.check(in: session)
            Issue.record("a text into integer mapping was accepted")
        } catch {
            #expect(error.sqlState == "42804", "\(error)")
            #expect(error.message.contains("public.orders → horizontal.orders"))
        }
        let missing = try Self.engine("[[table]]\nfrom = \"public.nope\"\nto = \"horizontal.leads\"\n")
        do {
            _ = try await missing.check(in: session)
            Issue.record("a missing table was accepted")
        } catch {
            #expect(error.message == "public.nope does not exist")
        }
        // A target that already holds rows is refused at start.
        try await fixture.execute("INSERT INTO horizontal.leads (name, vertical_id) VALUES ('pre', 'x')")
        let fresh = try Self.engine()
        do {
            _ = try await fresh.start(in: session)
            Issue.record("a non-empty target was accepted")
        } catch {
            #expect(error.message.contains("horizontal.leads already holds rows"))
        }
        #expect(try await fixture.strings("SELECT count(*)::text FROM pg_trigger WHERE tgname LIKE 'strata_sync_%'") == ["0"])
    }
}

/// A flag the writers poll.
final class SyncStopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    var isSet: Bool { lock.withLock { stopped } }
    func set() { lock.withLock { stopped = true } }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
