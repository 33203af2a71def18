import ArgumentParser
import StrataCore
import StrataPostgres

/// `strata test [PATH…]`: SQL tests in rolled-back transactions, as a role with claims.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run SQL tests (default db/tests/): each test in a transaction that is rolled back (exit 1 when one fails).",
        discussion: """
            A file is one test, or holds '-- strata:test NAME' blocks (statements above the first block run at the \
            start of each). In a test, '-- strata:as ROLE' runs what follows as that role (SET LOCAL ROLE), \
            '-- strata:claims {"sub":"…"}' sets request.jwt.claims and request.jwt.claim.<key> (what auth.uid() \
            reads), and '-- strata:expect rows N | value X | error SQLSTATE' checks the next statement. Files that \
            call pgTAP's plan() run as pgTAP scripts when the pgtap extension is available.
            """)

    @Argument(help: "Test files or folders (default: db/tests, or tests_dir in strata.toml).")
    var paths: [String] = []

    @Option(help: ArgumentHelp("Output: text, tap or junit.", valueName: "format"))
    var format: String = "text"

    @Option(help: ArgumentHelp(
        "Run the tests on a shadow database migrated to this version, seeded, then migrated to the newest (the data a migration meets).",
        valueName: "version"))
    var at: String?

    @Option(name: .customLong("shadow-url"), help: ArgumentHelp(
        "With --at: an empty database to use as the shadow (default: a throw-away one on the embedded server).", valueName: "url"))
    var shadowURL: String?

    @Option(help: ArgumentHelp("With --at: the environment of the seed sets applied at the version (default: test).", valueName: "name"))
    var env: String?

    @OptionGroup var global: ConnectionOnlyOptions

    func run() async throws {
        guard let outputFormat = TestOutputFormat(rawValue: format) else {
            throw StrataError(.usage, "--format must be one of text, tap, junit")
        }
        let context = try ProjectContext(options: global.globalOptions)
        let files = try SQLTestSources.load(paths: paths.isEmpty ? [context.testsDirectory] : paths)
        let reporter = outputFormat.reporter(quiet: global.quiet, color: Console.standardOutput.supportsColor)
        let total = files.reduce(0) { $0 + $1.cases.count }
        if let text = reporter.start(total: total) { Console.standardOutput.write(text) }
        var results: [SQLTestResult] = []
        func runAll(_ session: DatabaseSession) async throws(StrataError) {
            let runner = SQLTestRunner(session: session)
            for file in files {
                for test in file.cases {
                    let result = try await runner.run(test)
                    results.append(result)
                    if let text = reporter.report(result, index: results.count) { Console.standardOutput.write(text) }
                }
            }
        }
        if let at {
            let version = try VersionArgument.parse(at, flag: "--at")
            let catalog = try context.loadCatalog()
            let options = try context.migratorOptions()
            let environment = env ?? "test"
            let seeds = try SeedFolder(path: context.seedsDirectory()).load().filter { $0.isEnabled(in: environment) }
            try await ShadowDatabase.with(context, shadowURL: shadowURL) { shadow throws(StrataError) in
                try await ShadowRehearsal.run(
                    catalog, shadow: shadow, options: options, at: version, seeds: seeds, logger: context.logger
                ) { session, report throws(StrataError) in
                    if outputFormat == .text && !global.quiet {
                        Console.standardOutput.write(
                            "shadow database: \(report.before) migrations up to \(version), \(report.seeded) seed files "
                                + "(\(environment): \(seeds.map(\.name).joined(separator: ", "))), then \(report.after) more to the newest")
                    }
                    try await runAll(session)
                }
            }
        } else if total > 0 {
            try await context.withSession { session throws(StrataError) in try await runAll(session) }
        }
        Console.standardOutput.write(reporter.finish(results))
        if results.contains(where: { !$0.passed }) { throw ExitCommandStatus(status: .failure) }
    }
}
