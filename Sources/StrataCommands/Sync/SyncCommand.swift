import ArgumentParser
import Foundation
import StrataCore
import StrataPostgres

/// `strata sync plan|start|verify|cutover|complete|abort|status NAME`: move tables while the app keeps writing.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Move tables while the app writes: dual-write triggers, copy, verify, cut-over, complete or abort.",
        discussion: """
            A plan is db/syncs/NAME.toml: [[table]] entries with from, to, key and [table.columns]. Phases: start \
            (triggers on the old tables, then a resumable copy), verify (row counts and hashes chunk by chunk; \
            --repair), cutover (old table to strata_archive, a view with its name over the new table, writes go \
            back to the archive), complete (views and triggers dropped), abort (from any phase but complete, back \
            to where the plan started, nothing lost). See docs/syncs.md.

            Exit codes: 0 success, 1 a step failed on the server, 2 usage, a bad plan or a step refused in this \
            phase, 3 connection, 4 verify found rows that differ, 5 another process is copying this sync, 130 \
            interrupted (start again resumes).
            """,
        subcommands: [Plan.self, Start.self, Verify.self, Cutover.self, Complete.self, Abort.self, Status.self])

    /// The plan's file and the shared options of every step.
    struct PlanOptions: ParsableArguments {
        @Argument(help: "The plan: db/syncs/NAME.toml (or a path to a .toml file).")
        var name: String

        @Option(name: .customLong("syncs-dir"), help: ArgumentHelp("Folder of sync plans (default: db/syncs).", valueName: "path"))
        var directory: String?

        @Flag(help: "Print the result as JSON.")
        var json = false

        /// The plan's path: NAME as a path when it ends in .toml, else FOLDER/NAME.toml.
        var path: String {
            name.hasSuffix(".toml") ? name : ((directory ?? "db/syncs") as NSString).appendingPathComponent(name + ".toml")
        }

        func load() throws(StrataError) -> SyncPlan {
            guard FileManager.default.fileExists(atPath: path) else {
                throw StrataError(.usage, "\(path) does not exist", hint: "write the plan first; see docs/syncs.md")
            }
            return try SyncPlan.load(path: path)
        }
    }

    /// Runs `body` with the engine of the plan and a session.
    static func withEngine<T>(
        _ options: PlanOptions, _ global: GlobalOptions, configure: (inout SyncEngine) -> Void = { _ in },
        _ body: (SyncEngine, DatabaseSession) async throws(StrataError) -> T
    ) async throws -> T {
        let plan = try options.load()
        let context = try ProjectContext(options: global)
        var engine = SyncEngine(plan: plan, schema: context.schema, interruption: context.interruption)
        configure(&engine)
        let configured = engine
        return try await context.withSession { session throws(StrataError) -> T in try await body(configured, session) }
    }

    static func write(_ text: String, quiet: Bool) {
        if !quiet { Console.standardOutput.write(text) }
    }

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan", abstract: "Check a plan against the database and show what each phase will do; change nothing.")
        @OptionGroup var plan: PlanOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let pairs = try await SyncCommand.withEngine(plan, global) { engine, session throws(StrataError) in
                try await engine.check(in: session)
            }
            if plan.json {
                Console.standardOutput.write(SyncRendering.json(plan: pairs))
            } else {
                SyncCommand.write(SyncRendering.text(plan: pairs, name: plan.name), quiet: global.quiet)
            }
        }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "Install the dual-write triggers, then copy the existing rows (again: resume the copy).")
        @OptionGroup var plan: PlanOptions
        @Option(name: .customLong("batch-size"), help: ArgumentHelp("Rows per copy batch (default: 5000).", valueName: "rows"))
        var batchSize: Int?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            if let batchSize, batchSize < 1 { throw StrataError(.usage, "--batch-size must be 1 or more") }
            let live = !plan.json && !global.quiet && Console.standardOutput.isTerminal
            let reports = try await SyncCommand.withEngine(plan, global, configure: { engine in
                if let batchSize { engine.batchSize = batchSize }
            }) { engine, session throws(StrataError) in
                try await engine.start(in: session) { progress in
                    guard live else { return }
                    let total = progress.estimate.map { " / ~" + SyncRendering.count($0) } ?? ""
                    Console.standardOutput.writeRaw("\r\u{1B}[Kcopy \(progress.from): \(SyncRendering.count(progress.rows))\(total) rows")
                }
            }
            if live { Console.standardOutput.writeRaw("\r\u{1B}[K") }
            if plan.json {
                Console.standardOutput.write(SyncRendering.json(start: reports))
            } else {
                SyncCommand.write(SyncRendering.text(start: reports, name: plan.name), quiet: global.quiet)
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify", abstract: "Compare old and new rows chunk by chunk; exit 4 when they differ.")
        @OptionGroup var plan: PlanOptions
        @Flag(help: "Copy the rows that differ again (before cut-over), then compare again.")
        var repair = false
        @Option(name: .customLong("chunk-size"), help: ArgumentHelp("Keys per compared chunk (default: 10000).", valueName: "rows"))
        var chunkSize: Int?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            if let chunkSize, chunkSize < 1 { throw StrataError(.usage, "--chunk-size must be 1 or more") }
            let reports = try await SyncCommand.withEngine(plan, global, configure: { engine in
                if let chunkSize { engine.chunkSize = chunkSize }
            }) { engine, session throws(StrataError) in
                try await engine.verify(in: session, repair: repair)
            }
            if plan.json {
                Console.standardOutput.write(SyncRendering.json(verify: reports))
            } else {
                SyncCommand.write(SyncRendering.text(verify: reports), quiet: global.quiet)
            }
            let differing = reports.filter { !$0.matches }
            if !differing.isEmpty {
                throw StrataError(
                    .syncDifference, "\(differing.count) table\(differing.count == 1 ? "" : "s") of sync '\(plan.name)' differ",
                    hint: "run 'strata sync verify \(plan.name) --repair' to copy those rows again")
            }
        }
    }

    struct Cutover: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cutover",
            abstract: "Switch to the new tables: old ones archived, views with their names, writes copied back.")
        @OptionGroup var plan: PlanOptions
        @Flag(help: "Cut every table over in one transaction (default: one short transaction per table).")
        var atomic = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let reports = try await SyncCommand.withEngine(plan, global) { engine, session throws(StrataError) in
                try await engine.cutover(in: session, atomic: atomic)
            }
            if plan.json {
                Console.standardOutput.write(SyncRendering.json(cutover: reports))
            } else {
                SyncCommand.write(SyncRendering.text(cutover: reports), quiet: global.quiet)
            }
        }
    }

    struct Complete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "complete", abstract: "Drop the compatibility views and the write-back; keep the archive.")
        @OptionGroup var plan: PlanOptions
        @Flag(help: "Required: old names stop working once their views are dropped.")
        var confirm = false
        @Flag(name: .customLong("drop-archive"), help: "Also drop the archived old tables, after a last comparison.")
        var dropArchive = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            guard confirm else {
                throw StrataError(
                    .usage, "complete drops the views that keep the old table names working",
                    hint: "run it again with --confirm once no reader or writer uses the old names")
            }
            let done = try await SyncCommand.withEngine(plan, global) { engine, session throws(StrataError) in
                try await engine.complete(in: session, dropArchive: dropArchive)
            }
            if plan.json {
                Console.standardOutput.write(SyncRendering.json(tables: done, key: "completed"))
            } else {
                SyncCommand.write(
                    done.isEmpty ? "sync \(plan.name): nothing to complete" : done.map { "completed \($0)" }.joined(separator: "\n"),
                    quiet: global.quiet)
            }
        }
    }

    struct Abort: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "abort", abstract: "Undo the sync from any phase but complete: back to where the plan started.")
        @OptionGroup var plan: PlanOptions
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let undone = try await SyncCommand.withEngine(plan, global) { engine, session throws(StrataError) in
                try await engine.abort(in: session)
            }
            if plan.json {
                Console.standardOutput.write(SyncRendering.json(tables: undone, key: "aborted"))
            } else {
                SyncCommand.write(
                    undone.isEmpty ? "sync \(plan.name): nothing to undo" : undone.map { "aborted \($0)" }.joined(separator: "\n"),
                    quiet: global.quiet)
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: "Show the phase of each table of a sync (of every sync without a name).")
        @Argument(help: "The sync's name (default: every sync).")
        var name: String?
        @Flag(help: "Print {\"tables\":[{sync,from,to,phase,rows_copied,verify,verified_at,updated_at}]}.")
        var json = false
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try ProjectContext(options: global)
            let name = name
            let rows = try await context.withSession { session throws(StrataError) in
                try await SyncEngine.status(sync: name, schema: context.schema, in: session)
            }
            if json {
                Console.standardOutput.write(SyncRendering.json(status: rows))
            } else {
                SyncCommand.write(SyncRendering.text(status: rows), quiet: global.quiet)
            }
        }
    }
}
