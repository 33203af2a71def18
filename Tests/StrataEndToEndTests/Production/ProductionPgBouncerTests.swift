import Foundation
import StrataTesting
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// PgBouncer in transaction pooling mode in front of the test server: session advisory locks do not work there,
/// the table lock strategy (a lease row with heartbeat) does.
@Suite struct ProductionPgBouncerTests {
    static let executable = "/usr/sbin/pgbouncer"

    /// Starts PgBouncer (transaction pooling, 4 server connections) before a fresh database and runs `body` with
    /// the URL through it, the database (checked directly) and a reader of PgBouncer's log.
    func withBouncer(
        _ prefix: String, _ body: (String, ProductionDatabase, @escaping () -> String) async throws -> Void
    ) async throws {
        let server = try await TemporaryPostgres.shared()
        let settings = try await server.makeDatabase(prefix: prefix)
        let database = ProductionDatabase(settings: settings, url: server.url(for: settings))
        let folder = try ServerTools.makeFolder("strata-pgbouncer")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let port = try ServerTools.freePort()
        try ServerTools.write("\"postgres\" \"\"\n", to: folder + "/userlist.txt")
        try ServerTools.write(
            """
            [databases]
            * = host=\(server.server.socketDirectory) port=\(server.server.port)

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = \(port)
            unix_socket_dir =
            auth_type = trust
            auth_file = \(folder)/userlist.txt
            pool_mode = transaction
            default_pool_size = 4
            max_client_conn = 100
            logfile = \(folder)/pgbouncer.log
            pidfile = \(folder)/pgbouncer.pid

            """, to: folder + "/pgbouncer.ini")
        let bouncer = try ServerTools.start(Self.executable, [folder + "/pgbouncer.ini"])
        let watchdog = CrashWatchdog(command: "kill -9 \(bouncer.pid); rm -rf \(CrashWatchdog.quote(folder))")
        defer {
            bouncer.stop()
            watchdog.disarm()
        }
        let listening = await ServerTools.waitForListener(port: port)
        let log = { (try? String(contentsOfFile: folder + "/pgbouncer.log", encoding: .utf8)) ?? "" }
        try #require(listening, "pgbouncer did not listen: \(bouncer.standardError) \(log())")

        let url = "postgres://postgres@127.0.0.1:\(port)/\(settings.database)?sslmode=disable"
        try await body(url, database, log)
        bouncer.send(SIGINT)
        _ = await bouncer.finish(within: .seconds(5))
    }

    /// `1_t1` … `20_t20`, each creating a table and inserting its version into `side_effects`.
    func twentyMigrations() throws -> ProjectFolder {
        let project = try ProjectFolder()
        try project.write(
            "db/migrations/1_t1.sql",
            "CREATE TABLE side_effects (version int NOT NULL);\nCREATE TABLE t1 (id int);\nINSERT INTO side_effects VALUES (1);\n")
        for index in 2...20 {
            try project.write(
                "db/migrations/\(index)_t\(index).sql",
                "CREATE TABLE t\(index) (id int);\nINSERT INTO side_effects VALUES (\(index));\n")
        }
        return project
    }

    @Test func fourProcessesMigrateExactlyOnceThroughTransactionPooling() async throws {
        try await withBouncer("pgbouncer") { url, database, log in
        let project = try twentyMigrations()
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        let results = try await raceStrata(
            4, ["migrate", "--lock-strategy", "table", "--database-url", url], in: project.path, within: .seconds(120))
        for (outcome, timedOut) in results {
            #expect(!timedOut, "a strata migrate did not finish within 120 s: \(outcome.output)")
            #expect(outcome.status == 0, "\(outcome.output)\n--- pgbouncer log ---\n\(log())")
        }
        let appliedLines = results.map { $0.outcome.standardOutput.components(separatedBy: "applied ").count - 1 }
        #expect(appliedLines.reduce(0, +) == 20, "applied lines per process: \(appliedLines)")
        // Checked directly on the server, not through PgBouncer.
        #expect(try await database.appliedVersions() == (1...20).map(String.init))
        #expect(try await database.integer("SELECT count(*) FROM side_effects") == 20)
        #expect(try await database.integer("SELECT count(DISTINCT version) FROM side_effects") == 20)
        #expect(
            try await database.integer(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename ~ '^t[0-9]+$'") == 20)
        // The lease is released: no row is left for the next run to wait on.
        #expect(try await database.exists("strata.migration_lease"))
        #expect(try await database.integer("SELECT count(*) FROM strata.migration_lease") == 0)

        // A later run through PgBouncer has nothing to do and finishes at once.
        let again = try StrataProcess.start(["migrate", "--lock-strategy", "table", "--database-url", url], in: project.path)
        defer { again.stop() }
        let (noop, _) = await again.finish(within: .seconds(30))
        #expect(noop.status == 0, "\(noop.output)")
        }
    }

    /// The default advisory lock behind transaction pooling: Strata notices that the server session changes between
    /// transactions (or that its session already holds another run's lock) and refuses with the hint to use the
    /// table strategy. It never applies a file twice and never hangs; a table-strategy run then finishes the job.
    @Test func theAdvisoryLockBehindTransactionPoolingRefusesInsteadOfRunningUnprotected() async throws {
        try await withBouncer("pgbouncer_advisory") { url, database, log in
            let project = try twentyMigrations()
            defer { try? FileManager.default.removeItem(atPath: project.path) }
            let results = try await raceStrata(4, ["migrate", "--database-url", url], in: project.path, within: .seconds(90))
            for (outcome, timedOut) in results {
                #expect(!timedOut, "a strata migrate hung behind the pooler: \(outcome.output)")
                if outcome.status == 3 {
                    // A run that ends ends its own pooled server session that still holds the lock; the pooler may
                    // have just handed that session to this run, whose connection is then lost (exit 3, rerun).
                    #expect(outcome.standardError.contains("was lost"), "\(outcome.output)")
                } else if outcome.status != 0 {
                    #expect(outcome.standardError.contains("--lock-strategy table"), "\(outcome.output)")
                    #expect(outcome.status == 2 || outcome.status == 5, "\(outcome.output)")
                }
            }
            // Whatever ran, ran once.
            if try await database.exists("side_effects") {
                let effects = try await database.integer("SELECT count(*) FROM side_effects")
                #expect(effects == (try await database.integer("SELECT count(DISTINCT version) FROM side_effects")))
                #expect(effects == Int64(try await database.appliedVersions().count))
            }
            let finish = try StrataProcess.start(
                ["migrate", "--lock-strategy", "table", "--database-url", url], in: project.path)
            defer { finish.stop() }
            let (done, _) = await finish.finish(within: .seconds(60))
            #expect(done.status == 0, "\(done.output)\n\(log())")
            #expect(try await database.appliedVersions() == (1...20).map(String.init))
            #expect(try await database.integer("SELECT count(*) FROM side_effects") == 20)
        }
    }
}

