/// The documented exit statuses of the `strata` command (see README, "Exit codes").
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Success.
    case success = 0
    /// A migration, a verify section, a seed or a test failed.
    case failure = 1
    /// Usage or configuration error: bad flags, bad URL, unreadable or invalid migration files.
    case usage = 2
    /// Connection or authentication error, or the embedded server could not start.
    case connection = 3
    /// Validation failed, or migrations are pending and `--exit-code` was given.
    case validation = 4
    /// Timed out waiting for the migration lock.
    case lockTimeout = 5
    /// Lint findings of error severity remain.
    case lintFindings = 6
    /// Interrupted by SIGINT or SIGTERM: the running file was rolled back and the lock released (128 + SIGINT).
    case interrupted = 130
}
