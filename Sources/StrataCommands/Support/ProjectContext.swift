import Foundation
import Logging
import StrataCore
import StrataPostgres

/// Everything a command resolves before it works: settings in precedence order (flags > environment >
/// strata.toml > defaults), the migrations folder, the logger, and the database to talk to.
struct ProjectContext {
    let options: GlobalOptions
    let environment: [String: String]
    let configuration: ConfigurationFile
    let logger: Logger
    /// The migrations folder: `--dir`, `STRATA_DIR`, `migrations_dir` in strata.toml, else `db/migrations`.
    let migrationsDirectory: String
    /// The schema of Strata's own tables: `--schema`, `STRATA_SCHEMA`, `schema` in strata.toml, else `strata`.
    let schema: String
    /// The SQL tests folder: `STRATA_TESTS_DIR`, `tests_dir` in strata.toml, else `db/tests`.
    let testsDirectory: String
    /// `--format` of the command, when it has one (else `STRATA_FORMAT`, then `format` in strata.toml).
    var formatFlag: String?
    /// `--placeholder name=value` of the command, when it has them.
    var placeholderFlags: [String] = []

    /// A context from already-read parts; it only resolves the folder and schema settings (no console or logging
    /// set-up, no file read).
    init(
        options: GlobalOptions, environment: [String: String], configuration: ConfigurationFile, logger: Logger
    ) throws(StrataError) {
        self.options = options
        self.environment = environment
        self.configuration = configuration
        self.logger = logger
        migrationsDirectory = try Self.require(Settings.migrationsDirectory, options, environment, configuration)
        schema = try Self.require(Settings.schema, options, environment, configuration)
        testsDirectory = try Self.require(Settings.testsDirectory, options, environment, configuration)
    }

    /// The context of a command run: reads strata.toml (`--config`, `STRATA_CONFIG`, else `strata.toml` if present),
    /// refusing unknown keys in it. The console and logging were set up before, by `OutputSetup` in `StrataMain`.
    init(options: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StrataError) {
        let logger = OutputSetup.logger(for: options)
        let configuration = try ConfigurationLoading.load(path: options.configPath ?? environment["STRATA_CONFIG"])
        try self.init(options: options, environment: environment, configuration: configuration, logger: logger)
    }

    /// The seeds folder: `--seeds-dir`, `STRATA_SEEDS_DIR`, `seeds_dir` in strata.toml, else `db/seeds`.
    func seedsDirectory(flag: String? = nil) -> String {
        source(of: Settings.seedsDirectory, flag: flag)?.text ?? Settings.seedsDirectory.defaultValue ?? "db/seeds"
    }

    /// The environment seed sets are filtered by: `--env`, `STRATA_ENV`, `env` in strata.toml; with none of
    /// these `dev` on the embedded default (a private local server) and no environment elsewhere, so a set limited
    /// with `-- strata:env` never runs on a configured database by accident.
    func seedEnvironment(flag: String?) throws(StrataError) -> String? {
        if let chosen = try value(Settings.environment, flag: flag) { return chosen }
        return hasConfiguredDatabase ? nil : "dev"
    }

    /// The run-wide migrator options; `interruptible` installs the SIGINT/SIGTERM handling for a command that
    /// changes the database.
    func migratorOptions(dryRun: Bool = false, interruptible: Bool = false) throws(StrataError) -> MigratorOptions {
        var migratorOptions = MigratorOptions(
            schema: schema,
            lockWait: try value(Settings.lockWait).map { Duration.milliseconds($0.milliseconds) },
            lockTimeout: try value(Settings.lockTimeout),
            statementTimeout: try value(Settings.statementTimeout),
            dryRun: dryRun,
            interruption: interruptible && !dryRun ? interruption : nil)
        migratorOptions.lockRetry.retries = try require(Settings.lockRetries)
        migratorOptions.lockStrategy = try require(Settings.lockStrategy)
        if let lease = try value(Settings.lockLease) {
            migratorOptions.leaseDuration = .milliseconds(max(lease.milliseconds, 1_000))
        }
        return migratorOptions
    }

    /// Triggered on SIGINT/SIGTERM while a command that changes the database runs (see `InterruptSignals`).
    var interruption: MigrationInterruption { InterruptSignals.shared.installed() }

    /// True when a database is configured by flag, environment or strata.toml (not only the embedded default):
    /// a database URL, or any of the `PG*` connection variables (libpq fills the rest with its defaults).
    var hasConfiguredDatabase: Bool {
        source(of: Settings.databaseURL) != nil || !ConnectionSettings.configuredVariables(in: environment).isEmpty
    }

    /// Reads the migrations folder (versioned migrations only).
    func loadMigrations() throws(StrataError) -> [Migration] {
        try loadCatalog().migrations
    }

    /// Reads the migrations folder: versioned and repeatable migrations and hooks.
    func loadCatalog() throws(StrataError) -> MigrationCatalog {
        let catalog = try migrationFolder(path: migrationsDirectory).loadCatalog()
        if !options.quiet, let warning = VersionWidthCheck.warning(for: catalog.migrations.map(\.version)) {
            Console.standardError.write("warning: \(warning)")
        }
        return catalog
    }

    /// The folder reader for `path` with the chosen format, placeholders and hooks.
    func migrationFolder(path: String) throws(StrataError) -> MigrationFolder {
        MigrationFolder(
            path: path, format: try migrationFormat(), placeholders: try placeholders(),
            beforeMigratePaths: try require(Settings.beforeMigrateHooks, fallback: []),
            afterMigratePaths: try require(Settings.afterMigrateHooks, fallback: []))
    }

    /// The folder format chosen by `--format`, `STRATA_FORMAT` or `format` in strata.toml; `nil` detects it.
    func migrationFormat() throws(StrataError) -> MigrationFormat? {
        try value(Settings.format, flag: formatFlag) ?? nil
    }

    /// Placeholder values: strata.toml `[placeholders]`, then `STRATA_PLACEHOLDER_<NAME>`, then `--placeholder`.
    func placeholders() throws(StrataError) -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in configuration.values where key.hasPrefix("placeholders.") {
            values[String(key.dropFirst("placeholders.".count))] = value
        }
        for (key, value) in environment where key.hasPrefix("STRATA_PLACEHOLDER_") {
            values[String(key.dropFirst("STRATA_PLACEHOLDER_".count))] = value
        }
        for pair in placeholderFlags {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw StrataError(.usage, "--placeholder '\(pair)' is not NAME=VALUE")
            }
            values[parts[0]] = parts[1]
        }
        return values
    }

    /// Opens a session on the configured database, starting the embedded server when none is configured. With
    /// `--wait`, a server that is not accepting connections yet is retried until the wait is over.
    func openSession() async throws(StrataError) -> DatabaseSession {
        let target = try await DatabaseTarget.resolve(self)
        let wait = try value(Settings.connectWait)
        return try await ConnectionWaiter(wait: wait.map { .milliseconds($0.milliseconds) } ?? .zero, logger: logger).connect {
            () throws(StrataError) -> DatabaseSession in
            try await DatabaseSession.connect(
                configuration: try target.settings.postgresConfiguration(), target: target.displayName, logger: logger)
        }
    }

    /// Opens a session, runs `body`, and closes the session whatever happens.
    func withSession<T>(_ body: (DatabaseSession) async throws(StrataError) -> T) async throws(StrataError) -> T {
        try await openSession().closing(after: body)
    }
}
