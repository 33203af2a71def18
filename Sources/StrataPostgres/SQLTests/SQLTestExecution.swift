import Logging
import NIOCore
import PostgresNIO
import StrataCore
import StrataSQL

/// The state of one running test.
struct SQLTestExecution {
    let session: DatabaseSession
    let path: String
    var checks = 0
    var tap = TAPOutput()

    init(session: DatabaseSession, path: String) {
        self.session = session
        self.path = path
    }

    /// Runs the steps; returns the first failure (the rest of the test is not run) or `nil`.
    mutating func run(_ steps: [SQLTestStep], kind: SQLTestCase.Kind) async throws(StrataError) -> SQLTestFailure? {
        for step in steps {
            if let failure = try await run(step, kind: kind) { return failure }
        }
        guard kind == .pgTAP else { return nil }
        checks = tap.passed + tap.failed.count
        return tap.failure(path: path)
    }

    private mutating func run(_ step: SQLTestStep, kind: SQLTestCase.Kind) async throws(StrataError) -> SQLTestFailure? {
        switch step {
        case .setRole(let role, let location):
            return try await setup(PostgresQuery(unsafeSQL: "SET LOCAL ROLE " + SQLIdentifier.quoted(role)), at: location,
                                   what: "cannot switch to role \(role)")
        case .setClaims(let json, let claims, let location):
            if let failure = try await setup("SELECT set_config('request.jwt.claims', \(json), true)", at: location,
                                             what: "cannot set the claims") { return failure }
            for (key, value) in claims.sorted(by: { $0.key < $1.key }) {
                let name = "request.jwt.claim." + key
                if let failure = try await setup("SELECT set_config(\(name), \(value), true)", at: location,
                                                 what: "cannot set the claim \(key)") { return failure }
            }
            return nil
        case .statement(let statement, let expectation, let location):
            guard let expectation else {
                let outcome = try await execute(statement)
                if case .failed(let error) = outcome { return unexpected(error, at: location) }
                if kind == .pgTAP, case .succeeded(let rows, _) = outcome { tap.read(rows, at: location) }
                return nil
            }
            checks += 1
            return try await check(statement, against: expectation, at: location)
        }
    }

    private mutating func check(
        _ statement: SQLStatement, against expectation: SQLTestExpectation, at location: FileLocation
    ) async throws(StrataError) -> SQLTestFailure? {
        let expected = expectation.description
        switch expectation {
        case .rows(let count):
            switch try await execute(statement) {
            case .failed(let error): return unexpected(error, at: location, expected: expected)
            case .succeeded(let rows, let affected):
                let actual = affected ?? rows.count
                if actual == count { return nil }
                return SQLTestFailure(
                    message: "expected rows \(count), got rows \(actual)", location: location,
                    expected: expected, actual: "rows \(actual)")
            }
        case .value(let value):
            switch try await execute(statement) {
            case .failed(let error): return unexpected(error, at: location, expected: expected)
            case .succeeded(let rows, _):
                guard let cell = rows.first?.first(where: { _ in true }) else {
                    return SQLTestFailure(
                        message: "expected value \(value), got no rows", location: location, expected: expected,
                        actual: "no rows")
                }
                guard let text = CellText.text(of: cell) else {
                    return SQLTestFailure(
                        message: "cannot compare a value of type \(cell.dataType); cast it to text in the query (…::text)",
                        location: location, expected: expected, actual: "a value of type \(cell.dataType)")
                }
                if CellText.matches(value, actual: text) { return nil }
                return SQLTestFailure(
                    message: "expected value \(value), got value \(text)", location: location, expected: expected,
                    actual: "value \(text)")
            }
        case .error(let state):
            try await session.run("SAVEPOINT strata_expect_error")
            switch try await execute(statement) {
            case .succeeded(let rows, let affected):
                let count = affected ?? rows.count
                return SQLTestFailure(
                    message: "expected error \(state), got no error (rows \(count))", location: location,
                    expected: expected, actual: "no error (rows \(count))")
            case .failed(let error):
                try await session.run("ROLLBACK TO SAVEPOINT strata_expect_error")
                if error.sqlState == state { return nil }
                let actual = "error \(error.sqlState ?? "?")"
                return SQLTestFailure(
                    message: "expected error \(state), got \(actual): \(error.message)", location: location,
                    expected: expected, actual: actual, sqlState: error.sqlState, detail: error.detail ?? error.hint)
            }
        }
    }

    enum Outcome {
        case succeeded(rows: [PostgresRow], affected: Int?)
        case failed(StrataError)
    }

    /// Runs a statement of the test; a server error is an outcome, a lost connection is thrown.
    private func execute(_ statement: SQLStatement) async throws(StrataError) -> Outcome {
        session.logger.debug("\(path):\(statement.start.line): \(statement.keywords.prefix(4).joined(separator: " ")) …")
        // A query on a connection the server closed would never be answered (see DatabaseSession.ensureOpen).
        try session.ensureOpen()
        let future: EventLoopFuture<PostgresQueryResult> = session.connection.query(
            PostgresQuery(unsafeSQL: statement.text), logger: session.logger)
        do {
            let result = try await future.get()
            return .succeeded(rows: result.rows, affected: result.metadata.command == "SELECT" ? nil : result.metadata.rows)
        } catch {
            let mapped = PostgresErrorMapping.strataError(error, statement: statement, path: path, code: .migrationFailed)
            if mapped.code == .connection || mapped.code == .authentication { throw mapped }
            return .failed(mapped)
        }
    }

    /// Runs Strata's own setup statement for a directive; a failure fails the test at the directive's line.
    private func setup(_ query: PostgresQuery, at location: FileLocation, what: String) async throws(StrataError) -> SQLTestFailure? {
        do throws(StrataError) {
            try await session.run(query)
            return nil
        } catch {
            if error.code == .connection || error.code == .authentication { throw error }
            var hint = error.hint
            if error.sqlState == "22023" || error.sqlState == "42704" {
                hint = "create the role in a migration (CREATE ROLE … NOLOGIN), and grant it to the role Strata connects as"
            }
            return SQLTestFailure(
                message: "\(what): \(error.message)", location: location, actual: error.sqlState.map { "error \($0)" },
                sqlState: error.sqlState, detail: hint)
        }
    }

    /// Installs pgTAP in the test's transaction (so it is rolled back too), or fails the test saying how to get it.
    mutating func preparePgTAP(at location: FileLocation) async throws(StrataError) {
        let available = try await session.run("SELECT 1 FROM pg_available_extensions WHERE name = 'pgtap'")
        guard !available.isEmpty else {
            throw StrataError(
                .invalidTest, "this test uses pgTAP, which the server does not have", location: location,
                hint: "install it on the server (Debian: apt-get install postgresql-15-pgtap; or from pgxn.org)")
        }
        try await session.run("CREATE EXTENSION IF NOT EXISTS pgtap")
    }

    private func unexpected(_ error: StrataError, at location: FileLocation, expected: String? = nil) -> SQLTestFailure {
        SQLTestFailure(
            message: "the statement failed: \(error.message)", location: error.location ?? location, expected: expected,
            actual: "error \(error.sqlState ?? "?")", sqlState: error.sqlState, detail: error.detail ?? error.hint)
    }
}
