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
        if total > 0 {
            try await context.withSession { session throws(StrataError) in
                let runner = SQLTestRunner(session: session)
                for file in files {
                    for test in file.cases {
                        let result = try await runner.run(test)
                        results.append(result)
                        if let text = reporter.report(result, index: results.count) { Console.standardOutput.write(text) }
                    }
                }
            }
        }
        Console.standardOutput.write(reporter.finish(results))
        if results.contains(where: { !$0.passed }) { throw ExitCommandStatus(status: .failure) }
    }
}
