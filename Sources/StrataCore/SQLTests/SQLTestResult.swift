/// Why a test failed: where, what was expected and what came back.
public struct SQLTestFailure: Sendable, Hashable {
    /// One line: `expected rows 2, got 3`, or the server's message for a statement that failed unexpectedly.
    public var message: String
    /// The line that failed (the statement, or the expectation above it).
    public var location: FileLocation
    /// What the test expected (`rows 2`, `value 42`, `error 42501`), when it had an expectation.
    public var expected: String?
    /// What came back (`rows 3`, `value 41`, `error 42P01`, `no error`).
    public var actual: String?
    /// The server's SQLSTATE, for an error.
    public var sqlState: String?
    /// The server's detail or hint, or pgTAP's diagnostics.
    public var detail: String?

    /// Creates a failure.
    public init(
        message: String, location: FileLocation, expected: String? = nil, actual: String? = nil,
        sqlState: String? = nil, detail: String? = nil
    ) {
        self.message = message
        self.location = location
        self.expected = expected
        self.actual = actual
        self.sqlState = sqlState
        self.detail = detail
    }
}

/// The outcome of one test.
public struct SQLTestResult: Sendable, Hashable {
    /// The test's name.
    public var name: String
    /// Where the test starts.
    public var location: FileLocation
    /// `nil` when it passed.
    public var failure: SQLTestFailure?
    /// How many expectations (or pgTAP assertions) it checked.
    public var checks: Int
    /// How long it took.
    public var milliseconds: Int

    /// Creates a result.
    public init(name: String, location: FileLocation, failure: SQLTestFailure?, checks: Int, milliseconds: Int) {
        self.name = name
        self.location = location
        self.failure = failure
        self.checks = checks
        self.milliseconds = milliseconds
    }

    /// True when the test passed.
    public var passed: Bool { failure == nil }
}
