extension StrataError.Code {
    /// `migrate` did not start a migration because a session idle in a transaction holds a conflicting lock on a
    /// table it touches (exit 5, as for a lock wait that timed out).
    public static let lockBlocked = StrataError.Code("lock-blocked", exitStatus: .lockTimeout)
    /// `migrate` refused a migration whose estimated blocking lock lasts longer than `--max-lock-time` (exit 2).
    public static let lockTooLong = StrataError.Code("lock-too-long", exitStatus: .usage)
}
