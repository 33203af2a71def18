import Foundation
import StrataCore
import Testing

@Suite struct SchemaDocsTests {
    static let catalog = SchemaCatalog(
        tables: [
            .init(
                schema: "public", name: "artists", comment: "Who plays", rowLevelSecurity: true,
                columns: [
                    .init(name: "id", type: "uuid", nullable: false, defaultValue: "gen_random_uuid()"),
                    .init(name: "name", type: "character varying(80)", nullable: false, comment: "a | b"),
                ],
                constraints: [.init(name: "artists_pkey", kind: .primaryKey, definition: "PRIMARY KEY (id)")],
                indexes: [.init(
                    name: "artists_pkey", method: "btree",
                    definition: "CREATE UNIQUE INDEX artists_pkey ON public.artists USING btree (id)", sizeBytes: 16384,
                    unique: true, primary: true)],
                policies: [.init(
                    name: "Profiles are public", command: "SELECT", permissive: true, roles: ["anon", "authenticated"],
                    using: "true", withCheck: nil)]),
            .init(
                schema: "public", name: "concerts",
                columns: [
                    .init(name: "id", type: "bigint", nullable: false, defaultValue: "generated always as identity"),
                    .init(name: "artist_id", type: "uuid", nullable: true),
                ],
                constraints: [
                    .init(name: "concerts_pkey", kind: .primaryKey, definition: "PRIMARY KEY (id)"),
                    .init(
                        name: "concerts_artist_id_fkey", kind: .foreignKey,
                        definition: "FOREIGN KEY (artist_id) REFERENCES artists(id) ON DELETE CASCADE",
                        references: "public.artists"),
                ],
                triggers: [.init(name: "touch", definition: "CREATE TRIGGER touch BEFORE UPDATE ON public.concerts")]),
            .init(schema: "audit", name: "concerts", columns: [.init(name: "at", type: "timestamptz", nullable: false)]),
        ],
        views: [.init(schema: "public", name: "upcoming", materialized: false)],
        functions: [.init(schema: "auth", name: "uid", arguments: "", result: "uuid", language: "sql")],
        extensions: [.init(name: "plpgsql", version: "1.0")])

    @Test func schemaMarkdownHasEverySection() {
        let text = SchemaMarkdown.render(Self.catalog, database: "app")
        #expect(text.contains("### `public.artists`\n\nWho plays\n\nRow-level security is enabled."))
        #expect(text.contains("| `name` | `character varying(80)` | no |  | a \\| b |"))
        #expect(text.contains("| `concerts_artist_id_fkey` | foreign key | `FOREIGN KEY (artist_id) REFERENCES artists(id) ON DELETE CASCADE` |"))
        #expect(text.contains("| `artists_pkey` | btree | 16 kB |"))
        #expect(text.contains("| `Profiles are public` | SELECT | permissive | anon, authenticated | `true` |  |"))
        #expect(text.contains("| `touch` |"))
        #expect(text.contains("## Views") && text.contains("`public.upcoming`"))
        #expect(text.contains("`auth.uid()` | `uuid` | sql"))
        #expect(text == SchemaMarkdown.render(Self.catalog, database: "app"))
    }

    @Test func mermaidMarksKeysAndTellsSameNamedTablesApart() {
        let text = SchemaMarkdown.mermaid(Self.catalog)
        #expect(text.hasPrefix("erDiagram\n    artists {\n        uuid id PK\n        character_varying name\n"))
        #expect(text.contains("    public__concerts {\n        bigint id PK\n        uuid artist_id FK\n"))
        #expect(text.contains("    audit__concerts {"))
        #expect(text.contains("    artists ||--o{ public__concerts : \"concerts_artist_id_fkey\"\n"))
    }

    @Test func dotAndHTMLNameEveryTable() {
        let dot = ERDiagramDOT.render(Self.catalog)
        #expect(dot.contains("public__concerts -> artists"))
        #expect(dot.contains("<b>public.artists</b>"))
        let html = DocsHTML.render(Self.catalog, database: "a<b", svg: "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg><text>x</text></svg>")
        #expect(html.contains("<title>Database schema: a&lt;b</title>"))
        #expect(html.contains("<div id=\"diagram\">\n<svg><text>x</text></svg>\n</div>"))
        #expect(!html.contains("<?xml"))
        #expect(DocsHTML.render(Self.catalog, database: "app", svg: nil).contains("apt-get install graphviz"))
    }

    @Test func indexesAndMigrationDocs() throws {
        let indexes = IndexesMarkdown.render(Self.catalog, database: "app")
        #expect(indexes.contains("By method: btree 1."))
        #expect(indexes.contains("| `public.artists` | `artists_pkey` | btree | primary key | 16 kB |"))
        let date = Date(timeIntervalSince1970: 1_796_409_300)
        func entry(_ version: String, _ name: String, _ state: HistoryEntry.State = .applied) throws -> HistoryEntry {
            HistoryEntry(
                version: try #require(MigrationVersion(version)), name: name, checksum: "", state: state, appliedAt: date,
                appliedBy: "app", durationMilliseconds: 12, statementsRun: 2)
        }
        let migrations = [
            DocumentedMigration(entry: try entry("1", "create"), down: "DROP TABLE a;\n", fileFound: true, findings: []),
            DocumentedMigration(
                entry: try entry("2", "drop_b"), down: nil, fileFound: true, findings: ["`ban-drop-table` (error, line 2): x"]),
            DocumentedMigration(entry: try entry("3", "gone"), down: nil, fileFound: false, findings: []),
        ]
        let history = MigrationsMarkdown.history(migrations, database: "app")
        #expect(history.contains("| `1` | create | applied | 2026-12-04T18:35:00Z | app | 12 ms | 2 |"))
        let plan = MigrationsMarkdown.rollbackPlan(migrations, database: "app")
        let order = ["## 3 gone", "## 2 drop_b", "## 1 create"].compactMap { plan.range(of: $0)?.lowerBound }
        #expect(order.count == 3 && order == order.sorted())
        #expect(plan.contains("## 1 create\n\n```sql\nDROP TABLE a;\n```\n"))
        #expect(plan.contains("**No down section**"))
        #expect(plan.contains("- `ban-drop-table` (error, line 2): x"))
        #expect(plan.contains("**The file is missing"))
    }
}
