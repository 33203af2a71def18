import ArgumentParser
import StrataCore
import StrataPostgres

/// `strata backfill NAME` or `strata backfill --table T --set "col = expr"`: a batched, resumable data change.
struct BackfillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill",
        abstract: "Run a batched, resumable UPDATE on a live table (db/backfills/NAME.sql, or --table and --set).",
        discussion: """
            The table is walked by its primary key in key-range batches, each its own short transaction with \
            lock_timeout and statement_timeout, the job's checkpoint committed with it. The batch size adapts toward \
            --batch-time. Only the keys that existed at the start are walked. After kill -9, Ctrl-C or a lost \
            connection, run the same command again (or 'strata jobs resume ID'): it continues after the last \
            committed batch. A finished backfill reports done; --again runs it once more.

            Exit codes: 0 done (or paused/cancelled by strata jobs), 1 a batch failed, 2 usage or an invalid file, \
            3 connection, 5 the job is running in another process, 130 interrupted (resumable).
            """)

    @Argument(help: "The backfill's name: db/backfills/NAME.sql (or the job name with --table).")
    var name: String?

    @Option(help: ArgumentHelp("The table of an inline backfill (TABLE or SCHEMA.TABLE; quoted as given).", valueName: "table"))
    var table: String?

    @Option(help: ArgumentHelp("The assignments of an inline backfill, e.g. \"updated_at = created_at\".", valueName: "assignments"))
    var set: String?

    @Option(name: .customLong("where"), help: ArgumentHelp("The condition of an inline backfill.", valueName: "condition"))
    var condition: String?

    @Option(name: .customLong("name"), help: ArgumentHelp("The job name of an inline backfill (default: TABLE_COLUMN).", valueName: "name"))
    var jobName: String?

    @Option(name: .customLong("batch-time"), help: ArgumentHelp("The time each batch aims at (default: 200ms).", valueName: "duration"))
    var batchTime: String?

    @Option(name: .customLong("batch-size"), help: ArgumentHelp("A fixed number of rows per batch (no adaptation).", valueName: "rows"))
    var batchSize: Int?

    @Option(help: ArgumentHelp("A pause between batches (default: 0).", valueName: "duration"))
    var sleep: String?

    @Option(name: .customLong("backfills-dir"), help: ArgumentHelp("Folder of backfill files (default: db/backfills).", valueName: "path"))
    var directory: String?

    @Option(name: .customLong("progress-interval"), help: ArgumentHelp(
        "Away from a terminal, print a progress line this often (default: 10s).", valueName: "duration"))
    var progressInterval: String?

    @Flag(name: .customLong("dry-run"), help: "Show the estimate and the first batch's statement; change nothing.")
    var dryRun = false

    @Flag(help: "Run a finished backfill again, as a new job.")
    var again = false

    @Flag(help: "Count the rows exactly for the estimate (default: the planner's estimate).")
    var count = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let definition = try self.definition()
        let context = try ProjectContext(options: global)
        let options = try backfillOptions(context)
        let interval = try Self.duration(progressInterval, flag: "--progress-interval") ?? .seconds(10)
        let printer = BackfillPrinter(quiet: global.quiet, interval: interval)
        let interruption = dryRun ? nil : context.interruption
        let schema = context.schema
        let logger = context.logger
        let dryRun = dryRun
        let outcome = try await context.withSession { session throws(StrataError) -> BackfillOutcome? in
            let runner = BackfillRunner(
                driver: PostgresBackfillDriver(session: session, schema: schema), logger: logger,
                interruption: interruption, progress: printer.callback)
            if dryRun {
                let plan = try await runner.plan(definition, options: options)
                Self.printPlan(plan, definition: definition)
                return nil
            }
            return try await runner.run(definition, options: options)
        }
        printer.finishLine()
        if let outcome, !global.quiet { Console.standardOutput.write(BackfillPrinter.summary(outcome)) }
    }

    /// The file's definition, or the inline one.
    func definition() throws(StrataError) -> BackfillDefinition {
        if let table {
            guard let set else { throw StrataError(.usage, "--table needs --set \"column = expression\"") }
            return try BackfillDefinition.inline(table: table, set: set, where: condition, name: jobName ?? name)
        }
        guard set == nil, condition == nil else { throw StrataError(.usage, "--set and --where need --table") }
        guard let name else {
            throw StrataError(
                .usage, "name a backfill (db/backfills/NAME.sql) or give --table and --set",
                hint: "strata backfill fill_updated_at, or strata backfill --table events --set \"updated_at = created_at\"")
        }
        return try BackfillFile.load(name: name, directory: directory ?? BackfillFile.defaultDirectory)
    }

    func backfillOptions(_ context: ProjectContext) throws(StrataError) -> BackfillOptions {
        if let batchSize, batchSize <= 0 { throw StrataError(.usage, "--batch-size must be a positive number of rows") }
        var options = BackfillOptions(
            batchTime: try Self.duration(batchTime, flag: "--batch-time"), fixedBatchSize: batchSize,
            sleep: try Self.duration(sleep, flag: "--sleep"), again: again, exactCount: count)
        options.timeouts = BatchTimeouts(
            lockTimeout: try Self.timeout(global.lockTimeout, flag: "--lock-timeout") ?? BatchTimeouts.standard.lockTimeout,
            statementTimeout: try Self.timeout(global.statementTimeout, flag: "--statement-timeout")
                ?? BatchTimeouts.standard.statementTimeout)
        options.retry.retries = try context.require(Settings.lockRetries)
        return options
    }

    static func timeout(_ text: String?, flag: String) throws(StrataError) -> TimeoutValue? {
        guard let text else { return nil }
        guard let value = TimeoutValue(parsing: text) else {
            throw StrataError(.usage, "\(flag) '\(text)' is not a duration such as 200ms, 5s or 1min")
        }
        return value
    }

    static func duration(_ text: String?, flag: String) throws(StrataError) -> Duration? {
        try timeout(text, flag: flag).map { .milliseconds($0.milliseconds) }
    }

    static func printPlan(_ plan: BackfillPlan, definition: BackfillDefinition) {
        let estimate = plan.table.rowsEstimate.map { BackfillPrinter.count($0) } ?? "unknown"
        Console.standardOutput.write("-- backfill \(definition.name) on \(plan.table.name) (dry run: nothing changes)")
        Console.standardOutput.write("-- key: (\(plan.table.keyColumns.joined(separator: ", "))), up to (\((plan.table.upperKey ?? []).joined(separator: ", ")))")
        Console.standardOutput.write("-- rows to walk: \(estimate); first batch: \(plan.batchSize) rows")
        if let existing = plan.existing {
            Console.standardOutput.write("-- earlier job \(existing.id): \(existing.state.rawValue), \(BackfillPrinter.count(existing.rowsDone)) rows done")
        }
        Console.standardOutput.write(plan.firstBatch + ";")
    }
}
