import ArgumentParser

/// `strata`: the root command.
struct StrataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strata",
        abstract: "PostgreSQL migrations: versioned SQL with up and down, status, validate, rollback, lint.",
        discussion: """
            With no database configured (--database-url, DATABASE_URL, PG* variables or strata.toml), Strata starts \
            its own private PostgreSQL under .strata/postgres/ and uses it.

            Exit codes: 0 success, 1 a migration, verify, seed or SQL test failed, 2 usage or configuration error, \
            3 connection or authentication error, 4 validation failed (or pending with --exit-code), \
            5 timed out waiting for the lock, 6 lint findings of error severity, \
            130 interrupted (SIGINT/SIGTERM; the running file was rolled back).
            """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, NewCommand.self, MigrateCommand.self, StatusCommand.self, ValidateCommand.self,
            RollbackCommand.self, RedoCommand.self, BaselineCommand.self, RepairCommand.self, LintCommand.self,
            DevCommand.self, SeedCommand.self, SetupCommand.self, ResetCommand.self, TestCommand.self,
            AdoptCommand.self, ConvertCommand.self, FleetCommand.self,
            BackfillCommand.self, JobsCommand.self, ImportCommand.self,
            BackupCommand.self, RestoreCommand.self, DumpCommand.self, DocsCommand.self, CheckCommand.self,
            DiffCommand.self,
            PlanCommand.self, SyncCommand.self, SquashCommand.self,
        ])
}
