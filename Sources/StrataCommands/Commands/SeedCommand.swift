import ArgumentParser
import StrataCore
import StrataPostgres

/// `strata seed [SET…]`, `seed status`, `seed reset [SET…]`: seed sets from `db/seeds/<set>/*.sql`.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Apply seed sets (db/seeds/<set>/*.sql): new and changed files run, applied ones are skipped.",
        discussion: """
            'strata seed' runs every set that applies in the environment; 'strata seed plans knowledge' runs those \
            sets. Each file runs in one transaction with its row in strata.seed_history. A set limited with \
            '-- strata:env dev,test' runs only in those environments (--env, STRATA_ENV, env in strata.toml; dev on \
            the embedded server, none elsewhere). 'seed reset' empties the tables a set declares with \
            '-- strata:seed-tables a, b' and applies it again, in one transaction.
            """,
        subcommands: [Apply.self, Status.self, Reset.self],
        defaultSubcommand: Apply.self)

    /// The sets on disk, the environment and the selection, resolved once per command.
    struct Plan {
        let all: [SeedSet]
        let selected: [SeedSet]
        let excluded: [SeedSet]
        let environment: String?
    }

    static func plan(
        _ context: ProjectContext, options: SeedOptions, names: [String]
    ) throws(StrataError) -> Plan {
        let directory = context.seedsDirectory(flag: options.seedsDirectory)
        let all = try SeedFolder(path: directory).load()
        let environment = try context.seedEnvironment(flag: options.env)
        let selected = try SeedSelection.select(names, from: all, environment: environment, seedsDirectory: directory)
        let excluded = names.isEmpty ? all.filter { !$0.isEnabled(in: environment) } : []
        return Plan(all: all, selected: selected, excluded: excluded, environment: environment)
    }

    /// `seed [apply]` and `seed reset`: plan the sets, then apply them (after emptying their tables when `reset`).
    static func applySets(_ names: [String], seedOptions: SeedOptions, global: GlobalOptions, reset: Bool) async throws {
        let context = try ProjectContext(options: global)
        let plan = try plan(context, options: seedOptions, names: names)
        let printer = SeedPrinter(quiet: global.quiet)
        let options = try context.migratorOptions(interruptible: true)
        let summary = try await context.withSession { session throws(StrataError) in
            let seeder = Seeder(session: session, options: options, progress: printer.callback)
            return reset
                ? try await seeder.reset(plan.selected, others: plan.all) : try await seeder.seed(plan.selected)
        }
        printer.summary(summary, sets: plan.selected, environment: plan.environment, excluded: plan.excluded)
    }

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply", abstract: "Apply seed sets (the default: 'strata seed [SET…]').")

        @Argument(help: "Sets to apply (default: every set that applies in the environment).")
        var sets: [String] = []

        @OptionGroup var seedOptions: SeedOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await SeedCommand.applySets(sets, seedOptions: seedOptions, global: global, reset: false)
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "List seed sets and files: applied, pending, changed, stale (data gone, with the reason) or missing.")

        @Flag(help: "Print one JSON object: {\"environment\":…,\"sets\":[{name,enabled,environments,tables,files:[{file,state,reason,applied_at,checksum}]}]}.")
        var json = false

        @OptionGroup var seedOptions: SeedOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try ProjectContext(options: global)
            let plan = try SeedCommand.plan(context, options: seedOptions, names: [])
            let options = try context.migratorOptions()
            let statuses = try await context.withSession { session throws(StrataError) in
                try await Seeder(session: session, options: options).status(of: plan.all, environment: plan.environment)
            }
            if json {
                Console.standardOutput.write(SeedStatusRendering.json(statuses, environment: plan.environment))
            } else if !global.quiet {
                Console.standardOutput.write(SeedStatusRendering.table(
                    statuses, environment: plan.environment, color: Console.standardOutput.supportsColor))
            }
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset",
            abstract: "Empty the tables of seed sets (-- strata:seed-tables) and apply them again, in one transaction.")

        @Argument(help: "Sets to reset (default: every set that applies in the environment).")
        var sets: [String] = []

        @OptionGroup var seedOptions: SeedOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await SeedCommand.applySets(sets, seedOptions: seedOptions, global: global, reset: true)
        }
    }
}
