import ArgumentParser

/// Options every command accepts, before or after the subcommand name.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: ArgumentHelp(
        "PostgreSQL URL or key=value string (default: DATABASE_URL, PG* variables, strata.toml, else the embedded server).",
        valueName: "url"))
    var databaseURL: String?

    @Option(name: .customLong("dir"), help: ArgumentHelp("Migrations folder (default: db/migrations).", valueName: "path"))
    var directory: String?

    @Option(name: .customLong("config"), help: ArgumentHelp("Configuration file (default: strata.toml if present).", valueName: "path"))
    var configPath: String?

    @Option(help: ArgumentHelp("Schema of Strata's history tables (default: strata).", valueName: "name"))
    var schema: String?

    @Option(name: .customLong("lock-timeout"), help: ArgumentHelp(
        "lock_timeout for migrations that set none, e.g. 5s (default: the server's).", valueName: "duration"))
    var lockTimeout: String?

    @Option(name: .customLong("statement-timeout"), help: ArgumentHelp(
        "statement_timeout for migrations that set none, e.g. 10min (default: the server's).", valueName: "duration"))
    var statementTimeout: String?

    @Option(name: .customLong("lock-wait"), help: ArgumentHelp(
        "How long to wait for another strata run's migration lock before exiting with 5 (default: for ever).",
        valueName: "duration"))
    var lockWait: String?

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print debug logs, including each statement sent.")
    var verbose = false

    @Flag(name: .customLong("no-color"), help: "Never colour the output (NO_COLOR works too).")
    var noColor = false
}
