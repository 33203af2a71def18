import Foundation
import Logging
import ServiceLifecycle
import StrataCore
import StrataKit
import StrataPostgres
import StrataTesting
import Testing

/// The library a Swift server embeds, against a real PostgreSQL.
@Suite struct StrataKitTests {
    static var quiet: Logger {
        var logger = Logger(label: "strata-kit-tests")
        logger.logLevel = .critical
        return logger
    }

    static func folder(_ files: [String: String]) throws -> String {
        let folder = try ScratchSpace.folder(prefix: "kit")
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return folder
    }

    static func strata(_ folder: String, url: String, options: MigratorOptions = MigratorOptions()) -> Strata {
        Strata(configuration: .init(database: .url(url), migrations: .folder(folder), options: options, logger: quiet))
    }

    @Test func migrateStatusAndValidateReturnTypedValues() async throws {
        let server = try await TemporaryPostgres.shared()
        let url = server.url(for: try await server.makeDatabase(prefix: "kit"))
        let folder = try Self.folder(["1_a.sql": "CREATE TABLE a (id bigint);", "2_b.sql": "CREATE TABLE b (id bigint);"])
        let strata = Self.strata(folder, url: url)
        #expect(try await strata.status().map(\.state) == [.pending, .pending])
        let summary = try await strata.migrate()
        #expect(summary.done.map(\.rawValue) == ["1", "2"])
        #expect(try await strata.status().map(\.state) == [.applied, .applied])
        #expect(try await strata.validate().isEmpty)
        #expect(try await strata.migrate().done.isEmpty)
    }

    @Test func aFailingMigrationIsATypedErrorNamingFileAndLine() async throws {
        let server = try await TemporaryPostgres.shared()
        let url = server.url(for: try await server.makeDatabase(prefix: "kit_fail"))
        let folder = try Self.folder(["1_bad.sql": "CREATE TABLE a (id bigint);\nSELECT * FROM missing_table;"])
        do {
            try await Self.strata(folder, url: url).migrate()
            Issue.record("the failing migration did not throw")
        } catch {
            #expect(error.code == .migrationFailed)
            #expect(error.sqlState == "42P01")
            #expect(error.location?.line == 2)
            #expect(error.location?.path.hasSuffix("1_bad.sql") == true)
        }
    }

    @Test func fourReplicasBootingAtOnceApplyEachMigrationOnce() async throws {
        let server = try await TemporaryPostgres.shared()
        let settings = try await server.makeDatabase(prefix: "kit_boot")
        let url = server.url(for: settings)
        var files: [String: String] = ["1_log.sql": "CREATE TABLE boot_log (version int);"]
        for index in 2...15 { files["\(index)_m.sql"] = "INSERT INTO boot_log VALUES (\(index));" }
        let folder = try Self.folder(files)
        let readiness = (0..<4).map { _ in MigrationReadiness() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for replica in 0..<4 {
                let service = MigrationService(strata: Self.strata(folder, url: url), readiness: readiness[replica])
                group.addTask { try await service.run() }
            }
            try await group.waitForAll()
        }
        for state in readiness { #expect(await state.isReady) }
        let strata = Self.strata(folder, url: url)
        #expect(try await strata.status().allSatisfy { $0.state == .applied })
        let session = try await DatabaseSession.connect(
            configuration: try settings.postgresConfiguration(), target: "check", logger: Self.quiet)
        let rows = try await session.run("SELECT count(*)::bigint, count(DISTINCT version)::bigint FROM boot_log")
        await session.close()
        let (count, distinct) = try #require(try rows.first?.decode((Int64, Int64).self))
        #expect(count == 14 && distinct == 14)
    }

    @Test func aGracefulShutdownWhileMigratingRollsTheFileBack() async throws {
        let server = try await TemporaryPostgres.shared()
        let url = server.url(for: try await server.makeDatabase(prefix: "kit_shutdown"))
        let folder = try Self.folder(["1_slow.sql": "CREATE TABLE slow (id bigint);\nSELECT pg_sleep(120);"])
        let readiness = MigrationReadiness()
        let service = MigrationService(strata: Self.strata(folder, url: url), readiness: readiness)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: service, successTerminationBehavior: .ignore)],
            gracefulShutdownSignals: [], logger: Self.quiet))
        let running = Task { try await group.run() }
        try await Task.sleep(for: .seconds(2))
        let clock = ContinuousClock()
        let start = clock.now
        await group.triggerGracefulShutdown()
        let result = await running.result
        // Well before the file's own 120 s: the statement was cancelled, not waited for (a loaded CI machine has
        // taken 17 s to get there).
        #expect(clock.now - start < .seconds(60))
        guard case .failure(let error) = result else {
            Issue.record("the service group ended without the interruption")
            return
        }
        #expect((error as? StrataError)?.code == .interrupted, "\(error)")
        #expect(await !readiness.isReady)
        #expect(try await Self.strata(folder, url: url).status().map(\.state) == [.pending])
    }
}
