import Foundation
import Logging
import StrataSQL
import Testing
@testable import StrataCore

/// The run policy against an in-memory driver: ordering, transactions, retry, resume, interruption, lock loss,
/// skips, verify, hooks and repeatables, each in milliseconds.
@Suite struct MigrationRunnerTests {
    static func migration(
        _ version: String, _ up: String, down: String? = nil, verify: String? = nil, noTransaction: Bool = false,
        requires: ExtensionRequirement? = nil
    ) -> Migration {
        let origin = SourcePosition(offset: 0, line: 2, column: 1)
        return Migration(
            version: MigrationVersion(version)!, name: "m\(version)", path: "db/migrations/\(version)_m.sql",
            up: MigrationSection(sql: up, origin: origin),
            down: down.map { MigrationSection(sql: $0, origin: origin) },
            verify: verify.map { MigrationSection(sql: $0, origin: origin) },
            transactionMode: noTransaction ? .nonTransactional : .transactional,
            requirements: requires.map { [$0] } ?? [], checksum: Checksum.of(up + (down ?? "") + (verify ?? "")))
    }

    static func runner(
        _ driver: InMemoryMigrationDriver, _ options: MigratorOptions = MigratorOptions(),
        events: EventLog = EventLog()
    ) -> MigrationRunner {
        var fast = options
        fast.lockRetry = RetryBackoff(retries: options.lockRetry.retries, initialDelay: .milliseconds(1), maximumDelay: .milliseconds(2))
        return MigrationRunner(driver: driver, options: fast, logger: Logger(label: "test")) { events.add($0) }
    }

    @Test func appliesPendingInOrderEachInItsOwnTransactionThenTakesNoLockWhenNothingIsPending() async throws {
        let driver = InMemoryMigrationDriver()
        let files = [Self.migration("2", "CREATE b"), Self.migration("1", "CREATE a"), Self.migration("10", "CREATE c")]
        let summary = try await Self.runner(driver).migrate(files)
        #expect(summary.done.map(\.rawValue) == ["1", "2", "10"])
        #expect(driver.objects == ["a", "b", "c"])
        #expect(driver.history.map { "\($0.version):\($0.state.rawValue)" } == ["1:applied", "2:applied", "10:applied"])
        let perFile = driver.calls.filter { $0 == "begin" || $0 == "commit" || $0.hasPrefix("record") }
        #expect(perFile == [
            "begin", "record 1 applied 1", "commit", "begin", "record 2 applied 1", "commit", "begin",
            "record 10 applied 1", "commit",
        ])
        let again = try await Self.runner(driver).migrate(files)
        #expect(again.done.isEmpty)
        #expect(driver.lockAcquisitions == 1)
    }

    @Test func aFailingFileIsRolledBackAndLaterFilesDoNotRun() async throws {
        let driver = InMemoryMigrationDriver()
        let files = [Self.migration("1", "CREATE a"), Self.migration("2", "CREATE b;\nFAIL"), Self.migration("3", "CREATE c")]
        await #expect { try await Self.runner(driver).migrate(files) } throws: { error in
            let failure = error as? StrataError
            return failure?.location?.path == "db/migrations/2_m.sql" && failure?.location?.line == 3
        }
        #expect(driver.objects == ["a"])
        #expect(driver.history.map(\.version.rawValue) == ["1"])
        #expect(!driver.lockHeld)
    }

    @Test func aLockTimeoutIsRetriedAndThenGivesUpNamingTheBlocker() async throws {
        let driver = InMemoryMigrationDriver()
        driver.lockedAttempts = 2
        var options = MigratorOptions()
        options.lockRetry.retries = 3
        let summary = try await Self.runner(driver, options).migrate([Self.migration("1", "LOCKED;\nCREATE a")])
        #expect(summary.done.map(\.rawValue) == ["1"])
        #expect(driver.calls.filter { $0 == "rollback" }.count == 2)

        let stubborn = InMemoryMigrationDriver()
        stubborn.lockedAttempts = 10
        options.lockRetry.retries = 2
        await #expect { try await Self.runner(stubborn, options).migrate([Self.migration("1", "LOCKED")]) } throws: { error in
            let failure = error as? StrataError
            return failure?.sqlState == "55P03" && failure?.message.contains("gave up after 3 attempts") == true
                && failure?.detail == "blocked by pid 1 (test)"
        }
    }

    @Test func aNoTransactionFileCommitsEachStatementWithItsProgressAndResumesAtTheFailedOne() async throws {
        let driver = InMemoryMigrationDriver()
        var file = Self.migration("1", "CREATE a;\nFAIL;\nCREATE b", noTransaction: true)
        await #expect(throws: StrataError.self) { try await Self.runner(driver).migrate([file]) }
        #expect(driver.objects == ["a"])
        #expect(driver.history.first?.state == .failed)
        #expect(driver.history.first?.statementsRun == 1)
        // The first statement and its progress row committed together.
        let firstStatement = Array(driver.calls.drop { $0 != "begin" }.prefix(4))
        #expect(firstStatement == ["begin", "execute CREATE a", "record 1 partial 1", "commit"])

        file = Self.migration("1", "CREATE a;\nCREATE c;\nCREATE b", noTransaction: true)
        // The edited file keeps its progress after a repair; here the history row is realigned by hand.
        driver.setHistory(HistoryEntry(
            version: file.version, name: file.name, checksum: file.checksum, state: .failed, appliedAt: Date(),
            appliedBy: "test", durationMilliseconds: 0, statementsRun: 1))
        let summary = try await Self.runner(driver).migrate([file])
        #expect(summary.done.map(\.rawValue) == ["1"])
        #expect(driver.objects == ["a", "b", "c"])
        #expect(driver.history.first?.state == .applied)
    }

    @Test func aConcurrentIndexThatFinishedAfterTheProcessDiedIsRecordedNotBuiltAgain() async throws {
        let driver = InMemoryMigrationDriver()
        let file = Self.migration(
            "1", "CREATE t;\nCREATE INDEX CONCURRENTLY t_idx ON t (id);\nCREATE u", noTransaction: true)
        // The dead run committed statement 1 with its progress; the server finished the index build afterwards.
        driver.addObject("t")
        driver.addObject("t_idx")
        driver.setHistory(HistoryEntry(
            version: file.version, name: file.name, checksum: file.checksum, state: .partial, appliedAt: Date(),
            appliedBy: "test", durationMilliseconds: 0, statementsRun: 1))
        let summary = try await Self.runner(driver).migrate([file])
        #expect(summary.done.map(\.rawValue) == ["1"])
        #expect(!driver.calls.contains("execute CREATE INDEX CONCURRENTLY t_idx ON t (id)"))
        #expect(driver.objects == ["t", "t_idx", "u"])
    }

    @Test func anInterruptionRollsTheFileBackAndSaysWhatDidNotRun() async throws {
        let driver = InMemoryMigrationDriver()
        let interruption = MigrationInterruption()
        driver.interruption = interruption
        let files = [Self.migration("1", "CREATE a"), Self.migration("2", "CREATE b;\nINTERRUPT;\nCREATE c"), Self.migration("3", "CREATE d")]
        await #expect { try await Self.runner(driver, MigratorOptions(interruption: interruption)).migrate(files) } throws: { error in
            let failure = error as? StrataError
            return failure?.code == .interrupted
                && failure?.message == "interrupted (SIGTERM): applied 1; 2 m2 was rolled back; not run: 3"
        }
        #expect(driver.objects == ["a"])
        #expect(!driver.lockHeld)
    }

    @Test func aLostLockStopsTheRunBeforeTheNextFile() async throws {
        let driver = InMemoryMigrationDriver()
        driver.loseLockAfterCommits = 1
        let files = [Self.migration("1", "CREATE a"), Self.migration("2", "CREATE b")]
        await #expect { try await Self.runner(driver).migrate(files) } throws: { error in
            (error as? StrataError)?.code == .lockTimeout
        }
        #expect(driver.objects == ["a"])
    }

    @Test func aSkippedFileIsDoneUntilItsExtensionAppearsAndIsCheckedWithoutTheLock() async throws {
        let driver = InMemoryMigrationDriver()
        let vector = Self.migration("2", "CREATE embeddings", requires: ExtensionRequirement(extensionName: "vector", fallback: .skip))
        let files = [Self.migration("1", "CREATE a"), vector]
        let first = try await Self.runner(driver).migrate(files)
        #expect(first.skipped.map(\.rawValue) == ["2"])
        #expect(driver.lockAcquisitions == 1)

        let events = EventLog()
        var dryRun = MigratorOptions()
        dryRun.dryRun = true
        _ = try await Self.runner(driver, dryRun, events: events).migrate(files)
        #expect(events.all.isEmpty)

        let second = try await Self.runner(driver).migrate(files)
        #expect(second.stillSkipped.map(\.rawValue) == ["2"])
        #expect(driver.lockAcquisitions == 1)

        driver.availableExtensions = ["vector"]
        let third = try await Self.runner(driver).migrate(files)
        #expect(third.done.map(\.rawValue) == ["2"])
        #expect(driver.objects.contains("embeddings"))
    }

    @Test func aDryRunSaysWouldSkipForAFileWhoseExtensionIsMissing() async throws {
        let driver = InMemoryMigrationDriver()
        let vector = Self.migration("1", "CREATE e", requires: ExtensionRequirement(extensionName: "vector", fallback: .skip))
        let events = EventLog()
        var options = MigratorOptions()
        options.dryRun = true
        _ = try await Self.runner(driver, options, events: events).migrate([vector])
        #expect(events.all == ["would skip 1"])
        #expect(driver.lockAcquisitions == 0)
    }

    @Test func aFailingVerifyNamesTheQueryAndRollsBack() async throws {
        let driver = InMemoryMigrationDriver()
        let file = Self.migration("1", "CREATE a", verify: "SELECT true;\nSELECT false")
        await #expect { try await Self.runner(driver).migrate([file]) } throws: { error in
            let failure = error as? StrataError
            return failure?.code == .verifyFailed && failure?.message == "verify query 'SELECT false' returned false"
                && failure?.location?.line == 3
        }
        #expect(driver.objects.isEmpty)
    }

    @Test func hooksVersionedFilesAndRepeatablesRunUnderOneHoldOfTheLock() async throws {
        let driver = InMemoryMigrationDriver()
        let origin = SourcePosition(offset: 0, line: 1, column: 1)
        let catalog = MigrationCatalog(
            format: .native, migrations: [Self.migration("1", "CREATE a")],
            repeatables: [RepeatableMigration(name: "views", path: "R__views.sql", up: MigrationSection(sql: "CREATE v", origin: origin), checksum: "x")],
            beforeMigrate: [SQLScript(path: "beforeMigrate.sql", sql: MigrationSection(sql: "SELECT 'before'", origin: origin))],
            afterMigrate: [SQLScript(path: "afterMigrate.sql", sql: MigrationSection(sql: "SELECT 'after'", origin: origin))])
        let summary = try await Self.runner(driver).migrate(catalog)
        #expect(summary.done.map(\.rawValue) == ["1"])
        #expect(summary.repeatables == ["views"])
        #expect(driver.lockAcquisitions == 1)
        let order = driver.calls.filter { ["lock", "unlock"].contains($0) || $0.hasPrefix("hook") || $0.hasPrefix("execute") }
        #expect(order == ["lock", "hook SELECT 'before'", "execute CREATE a", "execute CREATE v", "hook SELECT 'after'", "unlock"])
        _ = try await Self.runner(driver).migrate(catalog)
        #expect(driver.lockAcquisitions == 1)
    }

    @Test func rollbackToZeroRevertsEveryMigrationNewestFirst() async throws {
        let driver = InMemoryMigrationDriver()
        let files = [Self.migration("0", "CREATE z", down: "DROP z"), Self.migration("1", "CREATE a", down: "DROP a")]
        try await Self.runner(driver).migrate(files)
        let summary = try await Self.runner(driver).rollback(files, target: .toVersion(.zero))
        #expect(summary.done.map(\.rawValue) == ["1", "0"])
        #expect(driver.objects.isEmpty)
        #expect(driver.history.isEmpty)
    }
}

/// What a runner reported, as short strings.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [String] = []

    func add(_ event: MigrationProgress) {
        let text: String?
        switch event {
        case .wouldSkip(let migration, _): text = "would skip \(migration.version)"
        case .planned(let migration, let direction, _): text = "would \(direction == .up ? "apply" : "revert") \(migration.version)"
        default: text = nil
        }
        if let text { lock.withLock { events.append(text) } }
    }

    var all: [String] { lock.withLock { events } }
}

/// Which engine a `version()` names, and the lock it gets.
@Suite struct ServerEngineTests {
    @Test func enginesAreDetectedAndGetALockThatWorksThere() {
        let postgres = ServerEngine.detect(versionText: "PostgreSQL 15.18 (Debian 15.18-0+deb12u1) on x86_64-pc-linux-gnu")
        let cockroach = ServerEngine.detect(versionText: "CockroachDB CCL v23.1.11 (x86_64-pc-linux-gnu, built 2023/09/27)")
        let yugabyte = ServerEngine.detect(versionText: "PostgreSQL 11.2-YB-2.18.0.0-b0 on x86_64-pc-linux-gnu")
        #expect([postgres, cockroach, yugabyte] == [.postgres, .cockroach, .yugabyte])
        #expect(postgres.lockStrategy(requested: .advisory) == .advisory)
        #expect(cockroach.lockStrategy(requested: .advisory) == .table)
        #expect(yugabyte.lockStrategy(requested: .advisory) == .table)
        #expect(postgres.lockStrategy(requested: .table) == .table)
    }
}
