import ArgumentParser
import Foundation
import StrataCore
import StrataPostgres

/// `strata plan`: preflight of the pending migrations against the live database.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Before you run it: what each pending migration locks, for how long, and who would block it now.",
        discussion: """
            For each pending migration and statement: the tables it locks and the lock mode, their size \
            (table + indexes) and row estimate, whether it scans or rewrites them, an estimated duration, the \
            sessions that hold or wait for a conflicting lock right now, and a verdict: safe, risky or blocked. \
            Estimates use the throughput measured by --calibrate (cached per server in .strata/calibration/), \
            else stated defaults. Exit 0 whatever the verdict. See docs/preflight.md.
            """)

    @Flag(help: "Print one JSON object: {throughput, migrations:[{version,name,verdict,reasons,lock_seconds,statements}], other_sessions}.")
    var json = false

    @Flag(help: "First measure this server's throughput on a scratch table (a timed scan, index build and rewrite) and cache it.")
    var calibrate = false

    @Option(name: .customLong("max-lock-time"), help: ArgumentHelp("Call a migration risky when its estimated blocking lock lasts longer (or max_lock_time in strata.toml).", valueName: "duration"))
    var maxLockTime: String?

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: FolderOptions

    func run() async throws {
        let context = try ProjectContext(options: global, folder: folder)
        let catalog = try context.loadCatalog()
        let options = try context.migratorOptions()
        let lint = try LintAdapter(context: context)
        var check = PreflightCheck(lint: lint)
        if let limit = try context.value(Settings.maxLockTime, flag: maxLockTime), limit.milliseconds > 0 {
            check.policy.maxLockSeconds = Double(limit.milliseconds) / 1000
        }
        let preflight = check
        let cache = ThroughputCache()
        let quiet = global.quiet || json
        let report = try await context.withSession { session throws(StrataError) in
            var throughput = cache.load(server: session.target) ?? .assumed
            if calibrate {
                if !quiet { Console.standardError.write("Calibrating on a scratch table (a few seconds)…") }
                throughput = try await ThroughputCalibration(session: session).measure()
                try cache.save(throughput, server: session.target)
                if !quiet { Console.standardError.write("Saved to \(cache.path(for: session.target)).") }
            }
            let statuses = try await Migrator(session: session, options: options).status(of: catalog.migrations)
            let pending = Set(statuses.filter { [.pending, .partial, .failed].contains($0.state) }.map(\.version))
            let migrations = catalog.migrations.filter { pending.contains($0.version) }
            return try await preflight.run(migrations, on: session, throughput: throughput)
        }
        if json {
            Console.standardOutput.write(PlanRendering.json(report))
        } else if !global.quiet {
            Console.standardOutput.write(PlanRendering.table(report))
        }
    }
}
