import StrataLint

/// The up statements of `sql`, for tests of the pattern helpers.
func statements(_ sql: String) throws -> [LintStatement] {
    try LintFile(path: "test.sql", upSQL: sql).up
}

/// The first up statement of `sql`.
func statement(_ sql: String) throws -> LintStatement {
    guard let first = try statements(sql).first else { throw TestFailure("no statement in: \(sql)") }
    return first
}

/// An error that fails a test with a message.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
