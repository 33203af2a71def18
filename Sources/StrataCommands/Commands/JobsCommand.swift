import ArgumentParser
import StrataCore
import StrataPostgres

/// `strata jobs [list] | show ID | pause ID | resume ID | cancel ID | set ID`: backfills (and imports) in
/// `strata.jobs`.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "List and steer long data jobs (backfills and chunked imports): show, pause, resume, cancel, change their pace.",
        discussion: """
            States: running, paused, failed, done, cancelled, and interrupted (recorded as running but no process \
            holds its lock: the process died). pause and cancel take effect at the next batch boundary of a running \
            job, at once otherwise; resume runs the job in this process.

            Exit codes: 0 success, 1 the resumed job failed or the job is done or cancelled, 2 usage or no such job, \
            3 connection, 5 the job is running in another process (resume), 130 interrupted.
            """,
        subcommands: [List.self, Show.self, Pause.self, Resume.self, Cancel.self, SetPace.self],
        defaultSubcommand: List.self)

    /// Runs `body` with the jobs table and a session.
    static func withJobs<T>(
        _ global: GlobalOptions, _ body: (JobsTable, DatabaseSession) async throws(StrataError) -> T
    ) async throws -> T {
        let context = try ProjectContext(options: global)
        let jobs = JobsTable(schema: context.schema)
        return try await context.withSession { session throws(StrataError) -> T in try await body(jobs, session) }
    }

    /// The job, or a usage error naming the id.
    static func require(_ id: Int64, _ jobs: JobsTable, _ session: DatabaseSession) async throws(StrataError) -> JobRecord {
        guard let job = try await jobs.job(id: id, in: session) else {
            throw StrataError(.usage, "there is no job \(id)", hint: "'strata jobs' lists them")
        }
        return job
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List jobs, newest first (the default).")

        @Flag(help: "Print {\"jobs\":[{id,kind,name,table,state,requested,rows_done,rows_changed,rows_estimate,batches,progress,rows_per_second,checkpoint,…}]}.")
        var json = false

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let list = try await JobsCommand.withJobs(global) { jobs, session throws(StrataError) in try await jobs.list(in: session) }
            if json {
                Console.standardOutput.write(JobsRendering.json(list))
            } else if !global.quiet {
                Console.standardOutput.write(JobsRendering.table(list))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one job: progress, checkpoint, pace, error.")

        @Argument(help: "The job's id.") var id: Int64
        @Flag(help: "Print the job as one JSON object.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let id = id
            let job = try await JobsCommand.withJobs(global) { jobs, session throws(StrataError) in
                try await JobsCommand.require(id, jobs, session)
            }
            Console.standardOutput.write(json ? JobsRendering.json(job) : JobsRendering.detail(job))
        }
    }

    /// Pause and cancel: a request for a live job, a state change for a stopped one.
    static func stop(_ id: Int64, as request: JobRequest, global: GlobalOptions, json: Bool) async throws {
        let (job, message) = try await withJobs(global) { jobs, session throws(StrataError) -> (JobRecord, String) in
            let job = try await require(id, jobs, session)
            let verb = request == .pause ? "pause" : "cancel"
            switch job.state {
            case .done, .cancelled:
                throw StrataError(.jobFailed, "job \(id) is \(job.state.rawValue); there is nothing to \(verb)")
            case .paused where request == .pause:
                return (job, "job \(id) is already paused")
            case .running:
                try await jobs.request(request, id: id, in: session)
                return (job, "job \(id) will \(verb) after its current batch")
            case .paused, .failed, .interrupted:
                try await jobs.setState(request == .pause ? .paused : .cancelled, error: job.error, id: id, in: session)
                return (job, "job \(id) is \(request == .pause ? "paused" : "cancelled")")
            }
        }
        if json {
            Console.standardOutput.write(JobsRendering.json(job))
        } else if !global.quiet {
            Console.standardOutput.write(message)
        }
    }

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause a job at its next batch boundary.")
        @Argument(help: "The job's id.") var id: Int64
        @Flag(help: "Print the job as JSON.") var json = false
        @OptionGroup var global: GlobalOptions
        func run() async throws { try await JobsCommand.stop(id, as: .pause, global: global, json: json) }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel", abstract: "Cancel a job at its next batch boundary; committed batches stay.")
        @Argument(help: "The job's id.") var id: Int64
        @Flag(help: "Print the job as JSON.") var json = false
        @OptionGroup var global: GlobalOptions
        func run() async throws { try await JobsCommand.stop(id, as: .cancel, global: global, json: json) }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resume", abstract: "Continue a paused, failed or interrupted job here, after its last committed batch.")
        @Argument(help: "The job's id.") var id: Int64
        @Option(name: .customLong("progress-interval"), help: ArgumentHelp(
            "Away from a terminal, print a progress line this often (default: 10s).", valueName: "duration"))
        var progressInterval: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let id = id
            let found = try await JobsCommand.withJobs(global) { jobs, session throws(StrataError) in
                try await JobsCommand.require(id, jobs, session)
            }
            if found.kind == .import {
                // An import job's definition is its mapping (with the input's fingerprint as a comment): the same
                // import runs again and continues at the job's checkpoint.
                let settings = try ImportMappingFile.parse(found.definition, path: "strata.jobs \(id)")
                let interval = try BackfillCommand.duration(progressInterval, flag: "--progress-interval") ?? .seconds(5)
                try await ImportExecution(settings: settings, name: found.name, global: global, progressInterval: interval).run()
                return
            }
            let context = try ProjectContext(options: global)
            let interval = try BackfillCommand.duration(progressInterval, flag: "--progress-interval") ?? .seconds(10)
            let printer = BackfillPrinter(quiet: global.quiet, interval: interval)
            var options = BackfillOptions()
            options.timeouts = BatchTimeouts(
                lockTimeout: try BackfillCommand.timeout(global.lockTimeout, flag: "--lock-timeout") ?? BatchTimeouts.standard.lockTimeout,
                statementTimeout: try BackfillCommand.timeout(global.statementTimeout, flag: "--statement-timeout")
                    ?? BatchTimeouts.standard.statementTimeout)
            options.retry.retries = try context.require(Settings.lockRetries)
            let schema = context.schema
            let logger = context.logger
            let interruption = context.interruption
            let settings = options
            let outcome = try await context.withSession { session throws(StrataError) -> BackfillOutcome in
                try await BackfillRunner(
                    driver: PostgresBackfillDriver(session: session, schema: schema), logger: logger,
                    interruption: interruption, progress: printer.callback
                ).resume(jobID: id, options: settings)
            }
            printer.finishLine()
            if !global.quiet { Console.standardOutput.write(BackfillPrinter.summary(outcome)) }
        }
    }

    struct SetPace: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Change a job's pace; a running job reads it at its next batch.")
        @Argument(help: "The job's id.") var id: Int64
        @Option(name: .customLong("batch-time"), help: ArgumentHelp("The time each batch aims at.", valueName: "duration"))
        var batchTime: String?
        @Option(help: ArgumentHelp("A pause between batches.", valueName: "duration"))
        var sleep: String?
        @Option(name: .customLong("batch-size"), help: ArgumentHelp("A fixed batch size; 0 adapts again.", valueName: "rows"))
        var batchSize: Int?
        @Flag(help: "Print the job as JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let batch = try BackfillCommand.duration(batchTime, flag: "--batch-time")
            let pause = try BackfillCommand.duration(sleep, flag: "--sleep")
            guard batch != nil || pause != nil || batchSize != nil else {
                throw StrataError(.usage, "give --batch-time, --sleep or --batch-size")
            }
            if let batchSize, batchSize < 0 { throw StrataError(.usage, "--batch-size must be 0 (adaptive) or more") }
            let id = id
            let size = batchSize
            let job = try await JobsCommand.withJobs(global) { jobs, session throws(StrataError) -> JobRecord in
                _ = try await JobsCommand.require(id, jobs, session)
                try await jobs.setPace(id: id, batchTime: batch, sleep: pause, fixedBatchSize: size, in: session)
                return try await JobsCommand.require(id, jobs, session)
            }
            if json {
                Console.standardOutput.write(JobsRendering.json(job))
            } else if !global.quiet {
                Console.standardOutput.write(
                    "job \(id): batch time \(BackfillPrinter.duration(job.pace.batchTime))"
                        + (job.pace.fixedBatchSize.map { ", fixed batch size \($0)" } ?? "")
                        + ", sleep \(BackfillPrinter.duration(job.pace.sleep)) (read at its next batch)")
            }
        }
    }
}
