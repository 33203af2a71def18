import Testing

@testable import StrataCore

/// Reading `db/syncs/NAME.toml`: what a user writes, and each mistake named with file:line.
@Suite struct SyncPlanTests {
    static let path = "db/syncs/split.toml"

    func parse(_ text: String) throws(StrataError) -> SyncPlan { try SyncPlan.parse(text, path: Self.path, name: "split") }

    func error(_ text: String) -> StrataError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func aPlanWithRenamesConstantsAndKeys() throws {
        let plan = try parse("""
            # the monolith split
            [[table]]
            from = "public.clients"
            to = "horizontal.leads"
            [table.columns]
            vertical_id = "'repair'"

            [[table]]
            from = "orders"
            to = 'horizontal."Orders"'
            key = ["id", "line"]
            [table.columns]
            lead_id = "client_id"
            total = "amount * 100"
            """)
        #expect(plan.name == "split")
        #expect(plan.tables.count == 2)
        #expect(plan.tables[0].from == QualifiedTableName(schema: "public", table: "clients"))
        #expect(plan.tables[0].key == nil)
        #expect(plan.tables[0].line == 2)
        #expect(plan.tables[1].from.description == "public.orders")
        #expect(plan.tables[1].to.table == "Orders")
        #expect(plan.tables[1].to.quoted == "\"horizontal\".\"Orders\"")
        #expect(plan.tables[1].key == ["id", "line"])
        #expect(plan.tables[1].columns.map(\.target) == ["lead_id", "total"])
        #expect(plan.tables[1].columns.map(\.sourceColumn) == ["client_id", nil])
        #expect(plan.tables[0].columns[0].sourceColumn == nil)
    }

    @Test func sourceColumnIsAPlainOrQuotedName() {
        func source(_ expression: String) -> String? { SyncColumnMapping(target: "t", expression: expression, line: 1).sourceColumn }
        #expect(source("client_id") == "client_id")
        #expect(source(" Client_ID ") == "client_id")
        #expect(source("\"Client Id\"") == "Client Id")
        #expect(source("'repair'") == nil)
        #expect(source("lower(email)") == nil)
        #expect(source("a || b") == nil)
        #expect(source("1abc") == nil)
    }

    @Test("each mistake is named with its line", arguments: [
        ("[[table]]\nto = \"b\"\n", "[[table]] needs from", 1),
        ("[[table]]\nfrom = \"a\"\n", "[[table]] needs to", 1),
        ("[[table]]\nfrom = \"a\"\nto = \"b\"\nkey = \"id\"\n", "key must be an array", 4),
        ("[[table]]\nfrom = \"a\"\nto = \"b\"\nkeys = [\"id\"]\n", "unknown key 'keys'", 4),
        ("name = \"x\"\n[[table]]\nfrom = \"a\"\nto = \"b\"\n", "unknown key 'name'", 1),
        ("[[table]]\nfrom = \"a.b.c\"\nto = \"b\"\n", "'a.b.c' is not a table name", 2),
        ("[[table]]\nfrom = \"a\"\nto = \"b\"\n[table.columns]\nx = 1\n", "the mapping of column 'x' must be a non-empty string", 5),
        ("[[table]]\nfrom = \"a\"\nto = \"b\"\n[[table]]\nfrom = \"a\"\nto = \"c\"\n", "public.a is in two pairs of the plan (first on line 1)", 4),
        ("[[table]]\nfrom = \"a\"\nto = \"b\"\n[[table]]\nfrom = \"b\"\nto = \"c\"\n", "public.b is in two pairs", 4),
        ("# nothing\n", "the sync plan has no [[table]] entry", 1),
    ])
    func mistakes(text: String, message: String, line: Int) throws {
        let found = try #require(error(text))
        #expect(found.message.contains(message), "\(found)")
        #expect(found.location?.line == line, "\(found)")
        #expect(found.location?.path == Self.path)
        #expect(found.exitStatus == .usage)
    }
}
