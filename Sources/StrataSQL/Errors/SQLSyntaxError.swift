/// SQL text that Strata cannot split into statements safely, with the place of the problem.
public struct SQLSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem.
    public enum Kind: Sendable, Hashable {
        /// A `'…'` string (any prefix) is never closed.
        case unterminatedString
        /// A `"…"` identifier is never closed.
        case unterminatedQuotedIdentifier
        /// A `$tag$…` string has no closing `$tag$`.
        case unterminatedDollarString
        /// A `/* … */` comment is never closed.
        case unterminatedBlockComment
        /// A psql meta-command such as `\i` (the associated value, backslash included).
        case metaCommand(String)
        /// `COPY … FROM STDIN`, whose inline data cannot be sent as SQL.
        case copyFromStdin
        /// `COPY … TO STDOUT`, whose rows would come back as a copy stream a migration cannot take.
        case copyToStdout
        /// A NUL byte, which PostgreSQL never accepts in SQL text.
        case nulByte
        /// The bytes are not valid UTF-8.
        case invalidUTF8
    }

    /// The kind of problem.
    public var kind: Kind
    /// Where the problem starts (for unterminated tokens: where the token opens).
    public var position: SourcePosition
    /// A clear, user-facing explanation; it does not repeat the position.
    public var message: String

    /// Creates an error with an explicit message.
    public init(kind: Kind, position: SourcePosition, message: String) {
        self.kind = kind
        self.position = position
        self.message = message
    }

    /// `line:column: message`; callers put the file path in front.
    public var description: String { "\(position.line):\(position.column): \(message)" }
}

extension SQLSyntaxError {
    static func unterminatedString(at position: SourcePosition) -> SQLSyntaxError {
        SQLSyntaxError(
            kind: .unterminatedString, position: position,
            message: "unterminated quoted string: the ' opened here is never closed")
    }

    static func unterminatedQuotedIdentifier(at position: SourcePosition) -> SQLSyntaxError {
        SQLSyntaxError(
            kind: .unterminatedQuotedIdentifier, position: position,
            message: "unterminated quoted identifier: the \" opened here is never closed")
    }

    static func unterminatedDollarString(at position: SourcePosition, delimiter: String) -> SQLSyntaxError {
        SQLSyntaxError(
            kind: .unterminatedDollarString, position: position,
            message: "unterminated dollar-quoted string: no closing \(delimiter) for the \(delimiter) opened here")
    }

    static func unterminatedBlockComment(at position: SourcePosition) -> SQLSyntaxError {
        SQLSyntaxError(
            kind: .unterminatedBlockComment, position: position,
            message: "unterminated block comment: the /* opened here is never closed by */")
    }

    static func metaCommand(_ command: String, at position: SourcePosition) -> SQLSyntaxError {
        SQLSyntaxError(
            kind: .metaCommand(command), position: position,
            message: "psql meta-command \(command) is not SQL: Strata sends each statement to the server itself, "
                + "so psql commands (\\i, \\copy, \\connect, \\set, …) cannot be used; "
                + "write the SQL they stand for instead")
    }

    static func copyFromStdin(at position: SourcePosition) -> SQLSyntaxError {
        SQLSyntaxError(
            kind: .copyFromStdin, position: position,
            message: "COPY … FROM STDIN cannot run from a migration file: the inline data after it would be sent "
                + "as SQL and break the connection; load the rows from a file instead (a seed set or a file "
                + "import), or write them as INSERT statements")
    }

    static func copyToStdout(at position: SourcePosition) -> SQLSyntaxError {
        SQLSyntaxError(
            kind: .copyToStdout, position: position,
            message: "COPY … TO STDOUT cannot run from a migration file: its rows come back as a copy stream that "
                + "Strata does not read; write them to a file on the server (COPY … TO 'path') or query them "
                + "with SELECT")
    }

    static func nulByte(at position: SourcePosition) -> SQLSyntaxError {
        SQLSyntaxError(
            kind: .nulByte, position: position,
            message: "NUL byte (0x00) in the SQL text: PostgreSQL does not accept it; remove it (the file may be "
                + "binary, or saved as UTF-16)")
    }
}
