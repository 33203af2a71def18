import Foundation
import Logging
import StrataPostgres
import StrataTesting
import Testing

extension SchemaToolsTests {
    /// `strata docs` on the concerts example, checked against the catalog, and its index.html opened in a real browser.
    @Suite struct DocsTests {
        func names(_ sql: String, in settings: ConnectionSettings) async throws -> [String] {
            var logger = Logger(label: "test")
            logger.logLevel = .error
            let session = try await DatabaseSession.connect(
                configuration: try settings.postgresConfiguration(), target: "test", logger: logger)
            do {
                // The query text is a bound parameter (this target does not import PostgresNIO's query type).
                let rows = try await session.run(
                    "SELECT unnest(xpath('/table/row/x/text()', query_to_xml('SELECT x FROM (' || \(sql) || ') AS q(x)', false, false, '')))::text")
                await session.close()
                return try rows.map { try $0.decode(String.self) }
            } catch {
                await session.close()
                throw error
            }
        }

        static let userRelations = """
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'strata') AND n.nspname NOT LIKE 'pg_toast%'
            """

        @Test func docsOfConcertsNameEveryTableForeignKeyIndexAndPolicyAndChangeNoByteTheSecondTime() async throws {
            let server = try await TemporaryPostgres.shared()
            let settings = try await server.makeDatabase(prefix: "docs")
            let url = server.url(for: settings)
            let project = try ExampleProject(copying: "Examples/concerts")
            defer { project.remove() }
            let migrate = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
            #expect(migrate.status == 0, "\(migrate.output)")

            let docs = try StrataBinary.run(["docs", "--database-url", url], in: project.path)
            #expect(docs.status == 0, "\(docs.output)")
            let files = ["schema.sql", "schema.md", "indexes.md", "migrations.md", "rollback_plan.md", "index.html"]
            var first: [String: String] = [:]
            for name in files { first[name] = try project.read("docs/db/" + name) }
            let schema = try #require(first["schema.md"])

            let tables = try await names(
                "SELECT n.nspname || '.' || c.relname \(Self.userRelations) AND c.relkind IN ('r', 'p') ORDER BY 1",
                in: settings)
            #expect(tables.count >= 6)
            for table in tables { #expect(schema.contains("### `\(table)`"), "schema.md lacks table \(table)") }
            let foreignKeys = try await names(
                "SELECT con.conname::text FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE con.contype = 'f' "
                    + "AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'strata')", in: settings)
            #expect(foreignKeys.count >= 3)
            for key in foreignKeys {
                #expect(schema.contains("`\(key)` | foreign key"), "schema.md lacks foreign key \(key)")
                #expect(schema.contains(": \"\(key)\""), "the Mermaid diagram lacks \(key)")
            }
            let indexes = try await names("SELECT c.relname::text \(Self.userRelations) AND c.relkind = 'i'", in: settings)
            #expect(indexes.contains("idx_concerts_artist_id"))
            for index in indexes {
                #expect(schema.contains("`\(index)` | btree"), "schema.md lacks index \(index)")
                #expect(first["indexes.md"]?.contains("`\(index)`") == true)
            }
            let policies = try await names("SELECT policyname::text FROM pg_policies", in: settings)
            #expect(policies.count >= 8)
            for policy in policies { #expect(schema.contains("`\(policy)`"), "schema.md lacks policy \(policy)") }
            #expect(schema.contains("```mermaid\nerDiagram\n"))
            #expect(first["schema.sql"]?.contains("CREATE TABLE public.artists") == true)
            #expect(first["migrations.md"]?.contains("`20260126120200` | row_level_security | applied") == true)
            let plan = try #require(first["rollback_plan.md"])
            let newest = try #require(plan.range(of: "## 20260126120200 row_level_security"))
            let oldest = try #require(plan.range(of: "## 20260126120000 auth_roles"))
            #expect(newest.lowerBound < oldest.lowerBound)
            #expect(plan.contains("DROP TABLE artists;"))

            let again = try StrataBinary.run(["docs", "--database-url", url], in: project.path)
            #expect(again.status == 0, "\(again.output)")
            #expect(again.standardOutput.contains("up to date"))
            for name in files { #expect(try project.read("docs/db/" + name) == first[name], "\(name) changed") }

            let html = try #require(first["index.html"])
            #expect(html.contains("<svg"))
            let browser = try Self.chromiumDOM(of: project.path + "/docs/db/index.html")
            #expect(browser.contains("<svg"), "chromium did not render the SVG")
            for table in tables {
                #expect(browser.contains(">\(table)</text>"), "the SVG in chromium does not name \(table)")
            }
        }

        /// The DOM headless Chromium builds for `path`.
        static func chromiumDOM(of path: String) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=" + NSTemporaryDirectory() + "/strata-chromium-" + UUID().uuidString.prefix(8),
                "--dump-dom", "file://" + path,
            ]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
    }
}
