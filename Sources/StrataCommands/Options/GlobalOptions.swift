import ArgumentParser

/// Options every command that migrates accepts, before or after the subcommand name. Commands that take no
/// migration lock declare a smaller set (`ConnectionOnlyOptions`, `FolderOnlyOptions`) from the same help texts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: Help.databaseURL)
    var databaseURL: String?

    @Option(name: .customLong("dir"), help: Help.directory)
    var directory: String?

    @Option(name: .customLong("config"), help: Help.configPath)
    var configPath: String?

    @Option(help: ArgumentHelp("Schema of Strata's history tables (default: strata; not public).", valueName: "name"))
    var schema: String?

    @Option(name: .customLong("lock-timeout"), help: ArgumentHelp(
        "lock_timeout of each migration that sets none; 0 disables it (default: 5s).", valueName: "duration"))
    var lockTimeout: String?

    @Option(name: .customLong("statement-timeout"), help: ArgumentHelp(
        "statement_timeout of each migration that sets none; 0 disables it (default: 30min).", valueName: "duration"))
    var statementTimeout: String?

    @Option(name: .customLong("lock-wait"), help: ArgumentHelp(
        "How long to wait for another strata run's migration lock before exiting with 5 (default: for ever).",
        valueName: "duration"))
    var lockWait: String?

    @Option(name: .customLong("lock-retries"), help: ArgumentHelp(
        "Retries of a migration that hit lock_timeout, with jittered exponential backoff (default: 4).", valueName: "count"))
    var lockRetries: Int?

    @Option(name: .customLong("lock-strategy"), help: ArgumentHelp(
        "advisory (default) or table: a lease row with heartbeat, for PgBouncer in transaction pooling mode.",
        valueName: "strategy"))
    var lockStrategy: String?

    @Option(name: .customLong("lock-lease"), help: ArgumentHelp(
        "How long a table-strategy lease lives without a heartbeat before another run may take it (default: 30s).",
        valueName: "duration"))
    var lockLease: String?

    @Option(name: .customLong("wait"), help: Help.connectWait)
    var connectWait: String?

    @Flag(name: .shortAndLong, help: Help.quiet)
    var quiet = false

    @Flag(name: .shortAndLong, help: Help.verbose)
    var verbose = false

    @Flag(name: .customLong("no-color"), help: Help.noColor)
    var noColor = false

    @Option(name: .customLong("log-format"), help: ArgumentHelp(
        "How notices and warnings are written: plain sentences, or log lines with time and source (default: plain on a terminal, log otherwise; STRATA_LOG_FORMAT).",
        valueName: "plain|log"))
    var logFormat: String?

    /// Help texts shared with the smaller option sets.
    enum Help {
        static var databaseURL: ArgumentHelp {
            ArgumentHelp(
                "PostgreSQL URL or key=value string (default: DATABASE_URL, PG* variables, strata.toml, else the embedded server).",
                valueName: "url")
        }
        static var directory: ArgumentHelp { ArgumentHelp("Migrations folder (default: db/migrations).", valueName: "path") }
        static var configPath: ArgumentHelp {
            ArgumentHelp("Configuration file (default: strata.toml if present).", valueName: "path")
        }
        static var connectWait: ArgumentHelp {
            ArgumentHelp(
                "Keep retrying the connection this long while the server is not accepting connections yet (default: 0).",
                valueName: "duration")
        }
        static var quiet: ArgumentHelp { "Print only errors." }
        static var verbose: ArgumentHelp { "Print debug logs, including each statement sent." }
        static var noColor: ArgumentHelp { "Never colour the output (NO_COLOR works too)." }
    }
}
