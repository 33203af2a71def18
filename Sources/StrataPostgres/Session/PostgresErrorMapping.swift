import PostgresNIO
import StrataCore
import StrataSQL

/// Turns what postgres-nio throws into Strata's one error type, with the file position of the failing statement.
/// Never includes a password or bound values.
enum PostgresErrorMapping {
    /// Maps `error`, raised while running `statement` of the file at `path` (both optional), to a `StrataError`.
    /// `code` is used for server errors that are not connection or authentication failures.
    static func strataError(
        _ error: any Error, statement: SQLStatement? = nil, path: String? = nil,
        code: StrataError.Code = .migrationFailed, target: String? = nil
    ) -> StrataError {
        if let strata = error as? StrataError { return strata }
        guard let psql = error as? PSQLError else {
            return StrataError(.connection, "lost the connection to the server", detail: "\(error)")
        }
        if let info = psql.serverInfo {
            let sqlState = info[.sqlState]
            var location: FileLocation?
            if let statement, let path {
                var position = statement.start
                if let text = info[.position], let index = Int(text) {
                    position = statement.position(ofServerPosition: index)
                }
                location = FileLocation(path: path, line: position.line, column: position.column)
            }
            let message = info[.message] ?? "the server reported an error"
            let resolvedCode: StrataError.Code
            var hint = info[.hint]
            switch sqlState {
            case let state? where state.hasPrefix("28"):
                resolvedCode = .authentication
                hint = hint ?? "check the user name and password (PGPASSWORD, ~/.pgpass or the URL)"
            case "3D000"?:
                resolvedCode = .connection
                hint = hint ?? "run 'strata setup' to create it (then migrate and seed), or check its name in the URL"
            case "57P01"?, "57P02"?:
                // The server is shutting down or restarting (or an administrator ended the session); it closes the
                // connection right after this message.
                resolvedCode = .connection
                hint = hint ?? "the connection to the server was lost (it is shutting down or restarting); run the "
                    + "command again once it is back: applied migrations are not repeated"
            case let state? where state.hasPrefix("08") || state == "57P03":
                resolvedCode = .connection
            default:
                resolvedCode = code
            }
            return StrataError(
                resolvedCode, message, location: location, sqlState: sqlState, detail: info[.detail], hint: hint,
                serverContext: info[.locationContext])
        }
        let where_ = target.map { " \($0)" } ?? ""
        switch psql.code {
        case .connectionError:
            let underlying = psql.underlying.map { "\($0)" } ?? "no answer"
            return StrataError(
                .connection, "cannot connect to the server\(where_)", detail: underlying,
                hint: "check that PostgreSQL is running and the host and port are right")
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            return StrataError(
                .connection, "the connection to the server\(where_) was lost",
                hint: "the server may have restarted; run the command again: applied migrations are not repeated")
        case .sslUnsupported:
            return StrataError(
                .connection, "the server\(where_) does not support TLS",
                hint: "use sslmode=prefer or sslmode=disable")
        case .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
            return StrataError(
                .authentication, "authentication failed\(where_)",
                hint: "check the user name and password (PGPASSWORD, ~/.pgpass or the URL)")
        case .queryCancelled:
            return StrataError(.migrationFailed, "the statement was cancelled", location: location(statement, path))
        default:
            return StrataError(.connection, "the database driver failed\(where_): \(psql.code)")
        }
    }

    private static func location(_ statement: SQLStatement?, _ path: String?) -> FileLocation? {
        guard let statement, let path else { return nil }
        return FileLocation(path: path, line: statement.start.line, column: statement.start.column)
    }
}
