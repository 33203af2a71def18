import Logging
import PostgresNIO
import StrataCore
import StrataSQL

/// Applies, reverts and inspects migrations on one database session: the engine behind `strata migrate`,
/// `status`, `validate`, `rollback` and `redo`, and what a Swift server embeds to migrate on boot. The policy is the
/// core's ``MigrationRunner``; this type runs it on PostgreSQL through a ``PostgresMigrationDriver``.
public struct Migrator: Sendable {
    /// The connection it works on.
    public let session: DatabaseSession
    /// Run-wide settings.
    public let options: MigratorOptions
    /// Receives one report per migration.
    public let progress: @Sendable (MigrationProgress) -> Void
    let driver: PostgresMigrationDriver
    let runner: MigrationRunner

    /// A migrator whose lock strategy suits the engine behind `session` (`version()`): on CockroachDB and
    /// YugabyteDB, where a session advisory lock cannot keep two runs apart, the lease row, with a notice.
    public static func adapted(
        to session: DatabaseSession, options: MigratorOptions = MigratorOptions(),
        progress: @escaping @Sendable (MigrationProgress) -> Void = { _ in }
    ) async -> Migrator {
        var adapted = options
        if let rows = try? await session.run("SELECT version()"), let text = try? rows.first?.decode(String.self) {
            let engine = ServerEngine.detect(versionText: text)
            let strategy = engine.lockStrategy(requested: options.lockStrategy)
            if strategy != options.lockStrategy {
                session.logger.notice(
                    "\(engine.rawValue) has no session advisory locks that exclude other runs: using --lock-strategy \(strategy.rawValue)")
                adapted.lockStrategy = strategy
            }
        }
        return Migrator(session: session, options: adapted, progress: progress)
    }

    /// Creates a migrator on `session`.
    public init(
        session: DatabaseSession, options: MigratorOptions = MigratorOptions(),
        progress: @escaping @Sendable (MigrationProgress) -> Void = { _ in }
    ) {
        self.session = session
        self.options = options
        self.progress = progress
        self.driver = PostgresMigrationDriver(session: session, options: options)
        self.runner = MigrationRunner(driver: driver, options: options, logger: session.logger, progress: progress)
    }

    /// The state of every migration on disk or in history, without taking the lock or creating anything. A
    /// partial no-transaction file shows as `running` while another run holds the migration lock.
    public func status(of migrations: [Migration]) async throws(StrataError) -> [MigrationStatus] {
        var statuses = try await runner.status(of: migrations)
        guard statuses.contains(where: { $0.state == .partial }), try await isLockHeldElsewhere() else { return statuses }
        for index in statuses.indices where statuses[index].state == .partial { statuses[index].state = .running }
        return statuses
    }

    /// The history rows (empty before the first migration), without taking the lock or creating anything.
    public func history(in session: DatabaseSession) async throws(StrataError) -> [HistoryEntry] {
        try await driver.historyEntries()
    }

    /// Applies pending migrations (and retries skipped ones, resumes partial or failed ones) up to `target`.
    ///
    /// With nothing to do it returns without waiting for the lock. Refuses, before anything runs, when an applied
    /// file changed, when a pending file is older than the newest applied one (unless `allowOutOfOrder`), and when a
    /// transactional file holds a statement that cannot run in a transaction.
    @discardableResult
    public func migrate(_ migrations: [Migration], to target: MigrationVersion? = nil) async throws(StrataError) -> MigrationRunSummary {
        try await runner.migrate(migrations, to: target)
    }

    /// Applies a whole folder (versioned and repeatable migrations, with hooks) under one hold of the lock; see
    /// ``MigrationRunner/migrate(_:to:knownHistory:)``.
    @discardableResult
    public func migrate(
        _ catalog: MigrationCatalog, to target: MigrationVersion? = nil, knownHistory: [HistoryEntry]? = nil
    ) async throws(StrataError) -> MigrationRunSummary {
        try await runner.migrate(catalog, to: target, knownHistory: knownHistory)
    }

    /// Reverts the last applied migration and applies it again, under one hold of the lock; nothing else runs.
    @discardableResult
    public func redo(_ migrations: [Migration]) async throws(StrataError) -> MigrationRunSummary {
        try await runner.redo(migrations)
    }

    /// Reverts applied migrations, newest first, by their down sections.
    @discardableResult
    public func rollback(
        _ migrations: [Migration], target: MigrationPlanner.RollbackTarget
    ) async throws(StrataError) -> MigrationRunSummary {
        try await runner.rollback(migrations, target: target)
    }

    /// Problems `validate` reports: changed and missing files, and pending files below the highest applied version;
    /// a file a fresh `migrate` would refuse is refused here too.
    public func validate(_ migrations: [Migration]) async throws(StrataError) -> [ValidationProblem] {
        try await runner.validate(migrations)
    }

    /// Marks the files up to `version` as applied without running them; see ``MigrationRunner/baseline(_:at:)``.
    @discardableResult
    public func baseline(_ migrations: [Migration], at version: MigrationVersion) async throws(StrataError) -> [MigrationVersion] {
        try await runner.baseline(migrations, at: version)
    }

    /// Realigns the history with the folder; see ``MigrationRunner/repair(_:markApplied:forget:)``.
    @discardableResult
    public func repair(
        _ migrations: [Migration], markApplied: [MigrationVersion] = [], forget: [MigrationVersion] = []
    ) async throws(StrataError) -> [RepairAction] {
        try await runner.repair(migrations, markApplied: markApplied, forget: forget)
    }

    /// Each repeatable migration of `catalog` with whether it is up to date (`true`) or due (`false`).
    public func repeatableStatus(of catalog: MigrationCatalog) async throws(StrataError) -> [(RepeatableMigration, Bool)] {
        try await runner.repeatableStatus(of: catalog)
    }

    /// True when another session holds the migration lock now (a run is in progress).
    func isLockHeldElsewhere() async throws(StrataError) -> Bool {
        switch options.lockStrategy {
        case .advisory:
            let bits = UInt64(bitPattern: MigrationLock(schema: options.schema).key)
            let rows = try await session.run(PostgresQuery(unsafeSQL: """
                SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                AND classid::bigint = \(Int64(bits >> 32)) AND objid::bigint = \(Int64(bits & 0xFFFF_FFFF)) AND objsubid = 1)
                """))
            return (try? rows.first?.decode(Bool.self)) ?? false
        case .table:
            let lease = LeaseLock(schema: options.schema)
            guard try await session.relationExists(lease.tableName) else { return false }
            let rows = try await session.run(PostgresQuery(unsafeSQL: """
                SELECT EXISTS (SELECT 1 FROM \(lease.tableName) WHERE name = 'migrate' AND expires_at > clock_timestamp())
                """))
            return (try? rows.first?.decode(Bool.self)) ?? false
        }
    }
}
