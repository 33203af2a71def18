import Foundation
import Testing

/// What a user meets when the server cannot be reached, starts late, or insists on TLS.
/// (A wrong password is covered by `AuthenticationTests` in CommandLineTests.swift.)
@Suite struct ProductionConnectionFaultTests {
    /// Runs `strata status` against `url` and returns the outcome and how long it took.
    func status(_ url: String, extra: [String] = []) async throws -> (StrataProcess.Outcome, Duration) {
        let project = try ProjectFolder()
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        try project.write("db/migrations/1_a.sql", "SELECT 1;\n")
        let clock = ContinuousClock()
        let start = clock.now
        let process = try StrataProcess.start(["status"] + extra + ["--database-url", url], in: project.path)
        defer { process.stop() }
        let (outcome, timedOut) = await process.finish(within: .seconds(30))
        #expect(!timedOut, "strata status against \(url) did not give up within 30 s")
        return (outcome, clock.now - start)
    }

    @Test func unreachableServersFailWithExitThreeWithinTheConnectTimeout() async throws {
        let closedPort = try ServerTools.freePort()
        let silent = try SilentListener()
        defer { silent.close() }
        let silentPort = silent.port
        async let refused = status("postgres://u:s3cr3t-pw@127.0.0.1:\(closedPort)/db?connect_timeout=2")
        async let unanswered = status("postgres://u:s3cr3t-pw@127.0.0.1:\(silentPort)/db?connect_timeout=2")
        // Non-routable: in most networks the SYN goes nowhere and the connect timeout ends it; some sandboxes
        // answer it at once. Either way: exit 3 within the bound, and no password printed.
        async let nonRoutable = status("postgres://u:s3cr3t-pw@10.255.255.1:5432/db?connect_timeout=2")

        let (refusedOutcome, refusedTime) = try await refused
        #expect(refusedOutcome.status == 3, "\(refusedOutcome.output)")
        #expect(refusedOutcome.standardError.contains("cannot connect to the server"), "\(refusedOutcome.output)")
        #expect(refusedTime < .seconds(5))
        #expect(!refusedOutcome.output.contains("s3cr3t"))

        let (silentOutcome, silentTime) = try await unanswered
        #expect(silentOutcome.status == 3, "\(silentOutcome.output)")
        #expect(silentOutcome.standardError.contains("cannot connect to the server"), "\(silentOutcome.output)")
        #expect(silentOutcome.standardError.contains("timeout"), "\(silentOutcome.output)")
        #expect(silentTime >= .milliseconds(1_800), "gave up after \(silentTime), before connect_timeout=2")
        #expect(silentTime < .seconds(8), "gave up only after \(silentTime) with connect_timeout=2")
        #expect(!silentOutcome.output.contains("s3cr3t"))

        let (routeOutcome, routeTime) = try await nonRoutable
        #expect(routeOutcome.status == 3, "\(routeOutcome.output)")
        #expect(routeTime < .seconds(10), "gave up only after \(routeTime) with connect_timeout=2")
        #expect(!routeOutcome.output.contains("s3cr3t"))
    }

    @Test func waitRetriesUntilALateServerAcceptsConnections() async throws {
        try await withDedicatedPostgres { server in
            _ = try await server.database("late")
            try await server.embedded.stop()
            let project = try ProjectFolder()
            defer { try? FileManager.default.removeItem(atPath: project.path) }
            try project.write("db/migrations/1_a.sql", "CREATE TABLE a (id int);\n")
            let url = "postgres://postgres@127.0.0.1:\(server.embedded.port)/late?sslmode=disable&connect_timeout=2"

            // Without --wait the server being down is an immediate connection error.
            let impatient = try StrataProcess.start(["migrate", "--database-url", url], in: project.path)
            defer { impatient.stop() }
            let (failed, _) = await impatient.finish(within: .seconds(20))
            #expect(failed.status == 3, "\(failed.output)")

            let clock = ContinuousClock()
            let start = clock.now
            let patient = try StrataProcess.start(["migrate", "--wait", "20s", "--database-url", url], in: project.path)
            defer { patient.stop() }
            try await Task.sleep(for: .seconds(3))
            #expect(patient.poll() == nil, "strata gave up before the server started: \(patient.standardError)")
            try await server.startOnTCP()
            let (outcome, timedOut) = await patient.finish(within: .seconds(30))
            #expect(!timedOut)
            #expect(outcome.status == 0, "\(outcome.output)")
            #expect(clock.now - start >= .seconds(3))
            #expect(outcome.standardError.contains("not accepting connections yet"), "\(outcome.standardError)")
            #expect(outcome.standardOutput.contains("applied  1 a"), "\(outcome.standardOutput)")
            let database = ProductionDatabase(
                settings: server.embedded.connectionSettings(database: "late"), url: server.embedded.url(database: "late"))
            #expect(try await database.appliedVersions() == ["1"])
        }
    }

    @Test func aServerThatRequiresTLSIsMetWithSSLModeRequire() async throws {
        try await withDedicatedPostgres { server in
            let database = try await server.database("tls")
            try await server.embedded.stop()
            let data = server.embedded.dataDirectory
            let certificate = try StrataProcess.launch(
                "/usr/bin/openssl",
                [
                    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "2",
                    "-keyout", data + "/server.key", "-out", data + "/server.crt",
                ], in: "/", environment: ServerTools.environment)
            defer { certificate.stop() }
            let openssl = await certificate.finish(within: .seconds(60)).outcome
            try #require(openssl.status == 0, "openssl failed: \(openssl.output)")
            for file in ["server.key", "server.crt"] {
                chmod(data + "/" + file, 0o600)
                ServerTools.giveToServerAccount(data + "/" + file)
            }
            // TCP only with TLS; the Unix socket stays open for the test's own checks.
            try ServerTools.write(
                "local all all trust\nhostssl all all 127.0.0.1/32 trust\n", to: data + "/pg_hba.conf", mode: 0o600)
            try await server.startOnTCP(["ssl=on", "ssl_cert_file=server.crt", "ssl_key_file=server.key"])

            let project = try ProjectFolder()
            defer { try? FileManager.default.removeItem(atPath: project.path) }
            try project.write("db/migrations/1_a.sql", "CREATE TABLE a (id int);\n")
            let base = "postgres://postgres@127.0.0.1:\(server.embedded.port)/tls?connect_timeout=5"

            let plain = try StrataProcess.start(["migrate", "--database-url", base + "&sslmode=disable"], in: project.path)
            defer { plain.stop() }
            let (refused, _) = await plain.finish(within: .seconds(20))
            #expect(refused.status == 3, "\(refused.output)")
            #expect(refused.standardError.contains("no pg_hba.conf entry"), "\(refused.standardError)")
            #expect(refused.standardError.contains("no encryption"), "\(refused.standardError)")
            #expect(try await database.exists("strata.schema_history") == false)

            let encrypted = try StrataProcess.start(["migrate", "--database-url", base + "&sslmode=require"], in: project.path)
            defer { encrypted.stop() }
            let (applied, _) = await encrypted.finish(within: .seconds(30))
            #expect(applied.status == 0, "\(applied.output)")
            #expect(applied.standardOutput.contains("applied  1 a"), "\(applied.output)")
            #expect(try await database.appliedVersions() == ["1"])
            #expect(try await database.exists("a"))
        }
    }
}
