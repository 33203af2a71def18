import StrataCore
import StrataPostgres

/// Every setting Strata reads, once each; their keys are the keys strata.toml may hold.
enum Settings {
    /// The database: a URL or libpq key=value string (`DatabaseTarget` reads it, then the `PG*` variables).
    static let databaseURL = Setting<String>(
        key: "database_url", flag: "--database-url", globalFlag: { $0.databaseURL },
        environment: ["DATABASE_URL", "STRATA_DATABASE_URL"], emptyIsUnset: true,
        parse: { text throws(SettingProblem) in text })
    /// The migrations folder.
    static let migrationsDirectory = Setting<String>(
        key: "migrations_dir", flag: "--dir", globalFlag: { $0.directory }, environment: ["STRATA_DIR"],
        defaultValue: "db/migrations", parse: path)
    /// The schema of Strata's own tables.
    static let schema = Setting<String>(
        key: "schema", flag: "--schema", globalFlag: { $0.schema }, environment: ["STRATA_SCHEMA"],
        defaultValue: "strata", parse: historySchema)
    /// The seeds folder.
    static let seedsDirectory = Setting<String>(
        key: "seeds_dir", flag: "--seeds-dir", environment: ["STRATA_SEEDS_DIR"], defaultValue: "db/seeds", parse: path)
    /// The SQL tests folder.
    static let testsDirectory = Setting<String>(
        key: "tests_dir", environment: ["STRATA_TESTS_DIR"], defaultValue: "db/tests", parse: path)
    /// The environment seed sets are filtered by (its default depends on the target: see `seedEnvironment`).
    static let environment = Setting<String>(
        key: "env", flag: "--env", environment: ["STRATA_ENV"], emptyIsUnset: true, parse: environmentName)
    /// How long to wait for another run's migration lock; nil waits for ever.
    static let lockWait = Setting<TimeoutValue>(
        key: "lock_wait", flag: "--lock-wait", globalFlag: { $0.lockWait }, environment: ["STRATA_LOCK_WAIT"],
        kinds: [.string, .number], parse: duration)
    /// `lock_timeout` of each migration that sets none.
    static let lockTimeout = Setting<TimeoutValue>(
        key: "lock_timeout", flag: "--lock-timeout", globalFlag: { $0.lockTimeout },
        environment: ["STRATA_LOCK_TIMEOUT"], kinds: [.string, .number], defaultValue: MigratorOptions.defaultLockTimeout,
        parse: duration)
    /// `statement_timeout` of each migration that sets none.
    static let statementTimeout = Setting<TimeoutValue>(
        key: "statement_timeout", flag: "--statement-timeout", globalFlag: { $0.statementTimeout },
        environment: ["STRATA_STATEMENT_TIMEOUT"], kinds: [.string, .number],
        defaultValue: MigratorOptions.defaultStatementTimeout, parse: duration)
    /// Retries of a migration that hit `lock_timeout`.
    static let lockRetries = Setting<Int>(
        key: "lock_retries", flag: "--lock-retries", globalFlag: { $0.lockRetries.map(String.init) },
        environment: ["STRATA_LOCK_RETRIES"], kinds: [.number], defaultValue: RetryBackoff.lockTimeoutDefault.retries,
        parse: count)
    /// How runs exclude each other.
    static let lockStrategy = Setting<LockStrategy>(
        key: "lock_strategy", flag: "--lock-strategy", globalFlag: { $0.lockStrategy },
        environment: ["STRATA_LOCK_STRATEGY"], defaultValue: .advisory, parse: strategy)
    /// How long a table-strategy lease lives without a heartbeat.
    static let lockLease = Setting<TimeoutValue>(
        key: "lock_lease", flag: "--lock-lease", globalFlag: { $0.lockLease }, environment: ["STRATA_LOCK_LEASE"],
        kinds: [.string, .number], parse: duration)
    /// How long to keep retrying a server that is not accepting connections yet.
    static let connectWait = Setting<TimeoutValue>(
        key: "connect_wait", flag: "--wait", globalFlag: { $0.connectWait }, environment: ["STRATA_WAIT"],
        kinds: [.string, .number], parse: duration)
    /// The migrations folder's format; nil (`auto`) detects it.
    static let format = Setting<MigrationFormat?>(
        key: "format", flag: "--format", environment: ["STRATA_FORMAT"], parse: migrationFormat)
    /// SQL files run before each `migrate`.
    static let beforeMigrateHooks = Setting<[String]>(key: "hooks.before_migrate", parse: list)
    /// SQL files run after each `migrate`.
    static let afterMigrateHooks = Setting<[String]>(key: "hooks.after_migrate", parse: list)
    /// `[lint] enforce`: refuse to migrate on error findings.
    static let lintEnforce = Setting<Bool>(key: "lint.enforce", kinds: [.boolean], defaultValue: false, parse: boolean)
    /// `[lint] pg_version`: the PostgreSQL major version lint assumes.
    static let lintPostgresVersion = Setting<Int>(key: "lint.pg_version", kinds: [.number], parse: count)
    /// `[lint] disable`: rule ids switched off.
    static let lintDisabled = Setting<[String]>(key: "lint.disable", defaultValue: [], parse: list)
    /// `[lint] error`: rule ids raised to errors.
    static let lintErrors = Setting<[String]>(key: "lint.error", defaultValue: [], parse: list)
    /// `[lint] warning`: rule ids lowered to warnings.
    static let lintWarnings = Setting<[String]>(key: "lint.warning", defaultValue: [], parse: list)
    /// `[backup] before_migrate`: `migrate` takes a backup first when something is pending (as `--backup`).
    static let backupBeforeMigrate = Setting<Bool>(
        key: "backup.before_migrate", kinds: [.boolean], defaultValue: false, parse: boolean)
    /// `[backup] dir`: where `backup` writes dumps and manifests.
    static let backupDirectory = Setting<String>(
        key: "backup.dir", environment: ["STRATA_BACKUP_DIR"], defaultValue: ".strata/backups", parse: path)

    /// `--max-lock-time`: refuse a migration whose estimated blocking lock lasts longer (off by default).
    static let maxLockTime = Setting<TimeoutValue>(
        key: "max_lock_time", flag: "--max-lock-time", environment: ["STRATA_MAX_LOCK_TIME"], kinds: [.string, .number],
        parse: duration)

    /// The keys strata.toml may hold, with their types.
    static let knownKeys: [ConfigurationFile.KnownKey] = [
        databaseURL.knownKey, migrationsDirectory.knownKey, schema.knownKey, seedsDirectory.knownKey,
        testsDirectory.knownKey, environment.knownKey, lockWait.knownKey, lockTimeout.knownKey,
        statementTimeout.knownKey, lockRetries.knownKey, lockStrategy.knownKey, lockLease.knownKey,
        connectWait.knownKey, format.knownKey, beforeMigrateHooks.knownKey, afterMigrateHooks.knownKey,
        lintEnforce.knownKey, lintPostgresVersion.knownKey, lintDisabled.knownKey, lintErrors.knownKey,
        lintWarnings.knownKey, backupBeforeMigrate.knownKey, backupDirectory.knownKey, maxLockTime.knownKey,
    ]
    /// Sections whose keys are free: `[placeholders]` holds one key per placeholder name.
    static let openSections: Set<String> = ["placeholders"]
}
