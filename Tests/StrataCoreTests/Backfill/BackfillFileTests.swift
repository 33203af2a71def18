import Testing
@testable import StrataCore

/// Reading `db/backfills/NAME.sql` and inline `--table/--set/--where`.
@Suite struct BackfillFileTests {
    @Test func readsDirectivesAndSplitsTheUpdate() throws {
        let text = """
            -- strata:batch-time 100ms
            -- strata:sleep 5ms
            -- strata:lock-timeout 1s
            UPDATE app.events SET updated_at = coalesce(created_at, now()), note = 'a WHERE b'
            WHERE updated_at IS NULL AND id IN (SELECT id FROM x WHERE y);
            """
        let definition = try BackfillFile.parse(text: text, path: "db/backfills/fill.sql", name: "fill")
        #expect(definition.table == "app.events")
        #expect(definition.setClause == "updated_at = coalesce(created_at, now()), note = 'a WHERE b'")
        #expect(definition.whereClause == "updated_at IS NULL AND id IN (SELECT id FROM x WHERE y)")
        #expect(definition.pace == BackfillPace(batchTime: .milliseconds(100), sleep: .milliseconds(5)))
        #expect(definition.lockTimeout == TimeoutValue(milliseconds: 1_000))
        let again = try BackfillFile.parse(text: definition.statement, path: "x", name: "fill")
        #expect(again.statement == definition.statement)
    }

    @Test func refusesWhatABatchCannotRun() {
        for (text, line) in [
            ("DELETE FROM events;", 1), ("UPDATE a SET x = 1;\nUPDATE b SET y = 2;", 2),
            ("UPDATE a SET x = b.y FROM b WHERE a.id = b.id;", 1), ("UPDATE a SET x = 1 RETURNING id;", 1),
            ("-- strata:nonsense\nUPDATE a SET x = 1;", 1), ("UPDATE a AS t SET x = 1;", 1),
        ] {
            do {
                _ = try BackfillFile.parse(text: text, path: "f.sql", name: "f")
                Issue.record("expected \(text) to be refused")
            } catch {
                #expect(error.location?.line == line, "\(text)")
                #expect(error.exitStatus == .usage)
            }
        }
    }

    @Test func inlineQuotesTheTableAndChecksTheExpressions() throws {
        let definition = try BackfillDefinition.inline(
            table: "app.Events", set: "updated_at = created_at", where: "updated_at IS NULL", name: nil)
        #expect(definition.table == "\"app\".\"Events\"")
        #expect(definition.name == "Events_updated_at")
        #expect(definition.statement == "UPDATE \"app\".\"Events\" SET updated_at = created_at WHERE updated_at IS NULL")
        #expect(throws: StrataError.self) {
            _ = try BackfillDefinition.inline(table: "events", set: "x = 1; DROP TABLE events", where: nil, name: nil)
        }
        #expect(throws: StrataError.self) {
            _ = try BackfillDefinition.inline(table: "events", set: "x = 1 WHERE true", where: nil, name: nil)
        }
        #expect(throws: StrataError.self) {
            _ = try BackfillDefinition.inline(table: "a.b.c", set: "x = 1", where: nil, name: nil)
        }
    }
}
