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
    /// `--format` of the command, when it has one (else `STRATA_FORMAT`, then `format` in strata.toml).
    var formatFlag: String?
    /// `--placeholder name=value` of the command, when it has them.
    var placeholderFlags: [String] = []

    init(options: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StrataError) {
        self.options = options
        self.environment = environment
        Console.colorDisabledByFlag = options.noColor
        let level: Logger.Level = options.verbose ? .debug : (options.quiet ? .error : .notice)
        LoggingSetup.bootstrap(level: level)
        var logger = Logger(label: "strata")
        logger.logLevel = level
        self.logger = logger
        self.configuration = try Self.loadConfiguration(path: options.configPath ?? environment["STRATA_CONFIG"])
    }

    /// The migrations folder.
    var migrationsDirectory: String {
        options.directory ?? environment["STRATA_DIR"] ?? configuration["migrations_dir"] ?? "db/migrations"
    }

    /// The schema of the history tables.
    var schema: String {
        options.schema ?? environment["STRATA_SCHEMA"] ?? configuration["schema"] ?? "strata"
    }

    /// The seeds folder: `--seeds-dir`, `STRATA_SEEDS_DIR`, `seeds_dir` in strata.toml, else `db/seeds`.
    func seedsDirectory(flag: String? = nil) -> String {
        flag ?? environment["STRATA_SEEDS_DIR"] ?? configuration["seeds_dir"] ?? "db/seeds"
    }

    /// The SQL tests folder: `STRATA_TESTS_DIR`, `tests_dir` in strata.toml, else `db/tests`.
    var testsDirectory: String {
        environment["STRATA_TESTS_DIR"] ?? configuration["tests_dir"] ?? "db/tests"
    }

    /// The environment seed sets are filtered by: `--env`, `STRATA_ENV`, `env` in strata.toml; with none of
    /// these `dev` on the embedded default (a private local server) and no environment elsewhere, so a set limited
    /// with `-- strata:env` never runs on a configured database by accident.
    func seedEnvironment(flag: String?) throws(StrataError) -> String? {
        let chosen = [flag, environment["STRATA_ENV"], configuration["env"]].compactMap { $0 }.first { !$0.isEmpty }
        if let chosen {
            guard SeedDirectives.isEnvironmentName(chosen) else {
                throw StrataError(.usage, "'\(chosen)' is not an environment name", hint: "use letters, digits, '-' and '_'")
            }
            return chosen.lowercased()
        }
        return hasConfiguredDatabase ? nil : "dev"
    }

    /// The run-wide migrator options; `interruptible` installs the SIGINT/SIGTERM handling for a command that
    /// changes the database.
    func migratorOptions(dryRun: Bool = false, interruptible: Bool = false) throws(StrataError) -> MigratorOptions {
        let wait = try timeout(options.lockWait ?? environment["STRATA_LOCK_WAIT"] ?? configuration["lock_wait"], flag: "--lock-wait")
        var migratorOptions = MigratorOptions(
            schema: schema,
            lockWait: wait.map { Duration.milliseconds($0.milliseconds) },
            lockTimeout: try timeout(options.lockTimeout ?? environment["STRATA_LOCK_TIMEOUT"] ?? configuration["lock_timeout"], flag: "--lock-timeout")
                ?? MigratorOptions.defaultLockTimeout,
            statementTimeout: try timeout(
                options.statementTimeout ?? environment["STRATA_STATEMENT_TIMEOUT"] ?? configuration["statement_timeout"],
                flag: "--statement-timeout") ?? MigratorOptions.defaultStatementTimeout,
            dryRun: dryRun,
            interruption: interruptible && !dryRun ? interruption : nil)
        if let text = options.lockRetries.map(String.init) ?? environment["STRATA_LOCK_RETRIES"] ?? configuration["lock_retries"] {
            guard let retries = Int(text), retries >= 0 else {
                throw StrataError(.usage, "--lock-retries: '\(text)' is not a count", hint: "write a whole number, 0 or more")
            }
            migratorOptions.lockRetry.retries = retries
        }
        if let text = options.lockStrategy ?? environment["STRATA_LOCK_STRATEGY"] ?? configuration["lock_strategy"] {
            guard let strategy = LockStrategy(rawValue: text.lowercased()) else {
                throw StrataError(.usage, "--lock-strategy: '\(text)' is not a lock strategy", hint: "use advisory or table")
            }
            migratorOptions.lockStrategy = strategy
        }
        if let lease = try timeout(options.lockLease ?? environment["STRATA_LOCK_LEASE"] ?? configuration["lock_lease"], flag: "--lock-lease") {
            migratorOptions.leaseDuration = .milliseconds(max(lease.milliseconds, 1_000))
        }
        return migratorOptions
    }

    /// Triggered on SIGINT/SIGTERM while a command that changes the database runs (see `InterruptSignals`).
    var interruption: MigrationInterruption { InterruptSignals.shared.installed() }

    /// True when a database is configured by flag, environment or strata.toml (not only the embedded default).
    var hasConfiguredDatabase: Bool {
        [options.databaseURL, environment["DATABASE_URL"], environment["STRATA_DATABASE_URL"], configuration["database_url"],
         environment["PGHOST"], environment["PGDATABASE"]].contains { $0?.isEmpty == false }
    }

    /// Reads the migrations folder (versioned migrations only).
    func loadMigrations() throws(StrataError) -> [Migration] {
        try loadCatalog().migrations
    }

    /// Reads the migrations folder: versioned and repeatable migrations and hooks.
    func loadCatalog() throws(StrataError) -> MigrationCatalog {
        try migrationFolder(path: migrationsDirectory).loadCatalog()
    }

    /// The folder reader for `path` with the chosen format, placeholders and hooks.
    func migrationFolder(path: String) throws(StrataError) -> MigrationFolder {
        MigrationFolder(
            path: path, format: try migrationFormat(), placeholders: try placeholders(),
            beforeMigratePaths: list(configuration["hooks.before_migrate"]),
            afterMigratePaths: list(configuration["hooks.after_migrate"]))
    }

    /// The folder format chosen by `--format`, `STRATA_FORMAT` or `format` in strata.toml; `nil` detects it.
    func migrationFormat() throws(StrataError) -> MigrationFormat? {
        guard let text = formatFlag ?? environment["STRATA_FORMAT"] ?? configuration["format"], !text.isEmpty,
            text != "auto"
        else { return nil }
        guard let format = MigrationFormat(named: text) else {
            throw StrataError(.usage, "unknown migrations format '\(text)'", hint: "use one of: auto, \(MigrationFormat.names)")
        }
        return format
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

    private func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Opens a session on the configured database, starting the embedded server when none is configured. With
    /// `--wait`, a server that is not accepting connections yet is retried until the wait is over.
    func openSession() async throws(StrataError) -> DatabaseSession {
        let target = try await DatabaseTarget.resolve(
            flag: options.databaseURL, environment: environment, configuration: configuration, logger: logger)
        let wait = try timeout(options.connectWait ?? environment["STRATA_WAIT"] ?? configuration["connect_wait"], flag: "--wait")
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

    private func timeout(_ text: String?, flag: String) throws(StrataError) -> TimeoutValue? {
        guard let text else { return nil }
        guard let value = TimeoutValue(parsing: text) else {
            throw StrataError(.usage, "\(flag): '\(text)' is not a duration", hint: "write a number with a unit: 500ms, 5s, 2min")
        }
        return value
    }

    private static func loadConfiguration(path: String?) throws(StrataError) -> ConfigurationFile {
        let resolved = path ?? "strata.toml"
        guard FileManager.default.fileExists(atPath: resolved) else {
            if path != nil {
                throw StrataError(.configuration, "the configuration file '\(resolved)' does not exist")
            }
            return ConfigurationFile()
        }
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw StrataError(.configuration, "cannot read the configuration file '\(resolved)'")
        }
        return try ConfigurationFile.parse(String(decoding: data, as: UTF8.self), path: resolved)
    }
}
