import StrataSQL

/// One thing a SQL test does, in file order.
public enum SQLTestStep: Sendable {
    /// `-- strata:as ROLE`: `SET LOCAL ROLE` for what follows.
    case setRole(String, FileLocation)
    /// `-- strata:claims {json}`: `request.jwt.claims` (and `request.jwt.claim.<key>` for each top-level scalar,
    /// so `request.jwt.claim.sub`) for what follows, transaction-local.
    case setClaims(json: String, claims: [String: String], FileLocation)
    /// A statement, with the expectation written above it, if any.
    case statement(SQLStatement, expectation: SQLTestExpectation?, FileLocation)

    /// Where the step is written.
    public var location: FileLocation {
        switch self {
        case .setRole(_, let location), .setClaims(_, _, let location), .statement(_, _, let location): return location
        }
    }
}
