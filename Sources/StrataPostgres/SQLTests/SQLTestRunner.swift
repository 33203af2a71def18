import Logging
import NIOCore
import PostgresNIO
import StrataCore
import StrataSQL

/// Runs SQL tests on one session. Every test runs in its own transaction that is always rolled back, so tests never
/// change the database: `-- strata:as` becomes `SET LOCAL ROLE`, `-- strata:claims` becomes transaction-local
/// `request.jwt.claims` (and `request.jwt.claim.<key>`), and an `expect error` statement runs inside a savepoint so
/// the test continues after it.
public struct SQLTestRunner: Sendable {
    /// The connection it works on; its role must be allowed to `SET ROLE` to the roles the tests name.
    public let session: DatabaseSession

    /// Creates a runner on `session`.
    public init(session: DatabaseSession) { self.session = session }

    /// Runs every test of `file` in order, reporting each result as it comes.
    public func run(
        _ file: SQLTestFile, report: @Sendable (SQLTestResult) -> Void = { _ in }
    ) async throws(StrataError) -> [SQLTestResult] {
        var results: [SQLTestResult] = []
        for test in file.cases {
            let result = try await run(test)
            report(result)
            results.append(result)
        }
        return results
    }

    /// Runs one test and rolls it back. Throws only when the connection fails; a failing test is a result.
    public func run(_ test: SQLTestCase) async throws(StrataError) -> SQLTestResult {
        let clock = ContinuousClock()
        let start = clock.now
        try await session.run("BEGIN")
        var execution = SQLTestExecution(session: session, path: test.location.path)
        let failure: SQLTestFailure?
        do throws(StrataError) {
            if test.kind == .pgTAP { try await execution.preparePgTAP(at: test.location) }
            failure = try await execution.run(test.steps, kind: test.kind)
        } catch {
            await session.rollbackQuietly()
            throw error
        }
        try await session.run("ROLLBACK")
        return SQLTestResult(
            name: test.name, location: test.location, failure: failure, checks: execution.checks,
            milliseconds: (clock.now - start).wholeMilliseconds)
    }
}
