/// The one error type of Strata.
///
/// Every failure that reaches a user is a `StrataError`: a code (which decides the exit status),
/// a one-line message, and where known the file location, the server's SQLSTATE, detail, hint and context.
/// Its `description` is safe to log: it never contains a password or row data.
public struct StrataError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The class of failure. Extensible: modules add codes in extensions.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name, e.g. `migration-failed`.
        public var rawValue: String
        /// The process exit status this class of failure maps to.
        public var exitStatus: ExitStatus

        /// Creates a code; `exitStatus` defaults to `.failure`.
        public init(rawValue: String) { self.init(rawValue, exitStatus: .failure) }

        /// Creates a code with its exit status.
        public init(_ rawValue: String, exitStatus: ExitStatus) {
            self.rawValue = rawValue
            self.exitStatus = exitStatus
        }

        /// The code's name.
        public var description: String { rawValue }

        /// A migration statement or its verify section failed (exit 1).
        public static let migrationFailed = Code("migration-failed", exitStatus: .failure)
        /// A verify section found the migration did not do what it should (exit 1).
        public static let verifyFailed = Code("verify-failed", exitStatus: .failure)
        /// A required extension is missing and the migration says `else=fail` (exit 1).
        public static let requirementFailed = Code("requirement-failed", exitStatus: .failure)
        /// Bad command-line usage (exit 2).
        public static let usage = Code("usage", exitStatus: .usage)
        /// Bad configuration: connection string, config file, environment (exit 2).
        public static let configuration = Code("configuration", exitStatus: .usage)
        /// A migration folder or file that cannot be read or parsed (exit 2).
        public static let invalidMigration = Code("invalid-migration", exitStatus: .usage)
        /// SQL text the lexer rejects: unterminated quote, psql meta-command, inline COPY data (exit 2).
        public static let sqlSyntax = Code("sql-syntax", exitStatus: .usage)
        /// The server cannot be reached, or the connection was lost (exit 3).
        public static let connection = Code("connection", exitStatus: .connection)
        /// The server refused the credentials (exit 3).
        public static let authentication = Code("authentication", exitStatus: .connection)
        /// Validation found drift, or pending migrations with `--exit-code` (exit 4).
        public static let validation = Code("validation", exitStatus: .validation)
        /// Timed out waiting for the migration lock (exit 5).
        public static let lockTimeout = Code("lock-timeout", exitStatus: .lockTimeout)
        /// Lint findings of error severity remain (exit 6).
        public static let lintFailed = Code("lint-failed", exitStatus: .lintFindings)
        /// The embedded PostgreSQL could not be found, initialised or started (exit 3).
        public static let embeddedServer = Code("embedded-server", exitStatus: .connection)
        /// The run was stopped by SIGINT/SIGTERM (or an embedding server) and rolled back its current file (exit 130).
        public static let interrupted = Code("interrupted", exitStatus: .interrupted)
        /// A file-system operation failed (exit 1).
        public static let io = Code("io", exitStatus: .failure)
        /// A condition Strata did not expect; a bug worth reporting (exit 1).
        public static let `internal` = Code("internal", exitStatus: .failure)
    }

    /// The class of failure.
    public var code: Code
    /// One line saying what went wrong.
    public var message: String
    /// Where in a file the failure is, when it comes from a file.
    public var location: FileLocation?
    /// The server's SQLSTATE, when the server reported the failure.
    public var sqlState: String?
    /// The server's DETAIL, or further explanation.
    public var detail: String?
    /// What the user can do about it: the server's HINT or Strata's own.
    public var hint: String?
    /// The server's CONTEXT (for example the PL/pgSQL line), when it gave one.
    public var serverContext: String?

    /// Creates an error.
    public init(
        _ code: Code, _ message: String, location: FileLocation? = nil, sqlState: String? = nil,
        detail: String? = nil, hint: String? = nil, serverContext: String? = nil
    ) {
        self.code = code
        self.message = message
        self.location = location
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.serverContext = serverContext
    }

    /// The process exit status for this error.
    public var exitStatus: ExitStatus { code.exitStatus }

    /// A multi-line rendering for humans and logs: `path:line:column: message [SQLSTATE]`, then detail, hint, context.
    public var description: String {
        var head = ""
        if let location { head += "\(location): " }
        head += message
        if let sqlState { head += " [SQLSTATE \(sqlState)]" }
        var lines = [head]
        if let detail, !detail.isEmpty { lines.append("  detail: \(detail)") }
        if let hint, !hint.isEmpty { lines.append("  hint: \(hint)") }
        if let serverContext, !serverContext.isEmpty { lines.append("  context: \(serverContext)") }
        return lines.joined(separator: "\n")
    }
}
