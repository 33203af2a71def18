import StrataCore
import StrataSQL

/// The server-side block (`DO`) that runs a whole transactional file and its history change as one statement:
/// one round trip and one implicit transaction, so the file and its history row still commit together or not at
/// all. Each statement runs through `EXECUTE` exactly as written (dollar-quoted, never rewritten), in order.
enum WholeFileBlock {
    /// The `DO` statement: `settings` first (e.g. `set_config('lock_timeout', '5s', true)`), then the statements,
    /// then the lock check (`lockHeld`, SQL that is true while the lock is held), then `history`, a statement that
    /// records the outcome; `checkFound` raises when `history` touched no row (a rollback's missing row).
    static func text(
        statements: [SQLStatement], settings: [String], lockHeld: String, history: String, checkFound: Bool
    ) -> String {
        var body = "BEGIN\n"
        for setting in settings { body += "PERFORM \(setting);\n" }
        for statement in statements { body += "EXECUTE \(DollarQuoting.literal(statement.text));\n" }
        body += "IF NOT (\(lockHeld)) THEN RAISE EXCEPTION 'the migration lock is no longer held by this connection'; END IF;\n"
        body += history + ";\n"
        if checkFound { body += "IF NOT FOUND THEN RAISE EXCEPTION 'the history row to remove is missing'; END IF;\n" }
        body += "END"
        let tag = DollarQuoting.tag(avoiding: body, base: "strata")
        return "DO " + tag + "\n" + body + "\n" + tag
    }

    /// Whether a file's statements could release the migration lock or clear the session's settings themselves
    /// (`pg_advisory_unlock…`, `RESET`, `DISCARD`): its block then checks the lock in the lock table.
    static func mayReleaseTheLock(_ statements: [SQLStatement]) -> Bool {
        statements.contains { statement in
            statement.keywords.first == "reset" || statement.keywords.first == "discard"
                || statement.tokens.contains { !$0.isTrivia && ByteSearch.contains($0.normalized, "advisory") }
        }
    }

    /// The milliseconds since the block started, computed by the server when it records the outcome.
    static let elapsedMilliseconds = "(extract(epoch from clock_timestamp() - statement_timestamp()) * 1000)::int"
}
