import Foundation
import StrataSQL

/// Whether a file's statements change the session beyond their transaction, so the connection must be reset
/// before the next file runs as it would in a fresh run.
public enum SessionChanges {
    /// A plain `SET`/`RESET` (not `SET LOCAL`), `set_config` or a role change outlives the file's transaction.
    public static func changeSession(_ statements: [SQLStatement]) -> Bool {
        statements.contains { statement in
            let words = statement.keywords
            if words.first == "reset" { return true }
            if words.first == "set" && words.dropFirst().first != "local" { return true }
            return statement.significantTokens.contains { $0.normalized == "set_config" }
        }
    }
}

/// Whether a no-transaction file that manages its own transaction (`BEGIN; …; COMMIT;`) is inside it.
enum TransactionTracking {
    /// True after `statement` when a transaction the file opened is still open.
    static func isOpen(after statement: SQLStatement, wasOpen: Bool) -> Bool {
        guard statement.isTransactionControl, let first = statement.keywords.first else { return wasOpen }
        switch first {
        case "begin", "start": return true
        case "commit", "end", "abort": return false
        case "rollback": return statement.keywords.dropFirst().first == "to" ? wasOpen : false
        default: return wasOpen
        }
    }
}

/// How a verify query is named in a failure: its first line, cut at 60 characters, quoted.
enum VerifyText {
    static func excerpt(_ statement: SQLStatement) -> String {
        let firstLine = statement.text.split(whereSeparator: \.isNewline).first.map(String.init) ?? statement.text
        let trimmed = firstLine.trimmingCharacters(in: .whitespaces)
        return "'" + (trimmed.count > 60 ? String(trimmed.prefix(57)) + "…" : trimmed) + "'"
    }
}
