/// Where a table of a sync is in its life, and which command may move it on. The policy of the phases lives here;
/// `StrataPostgres` carries each step out.
///
/// ```
/// (none) --start--> copying --(copy done)--> synced --cutover--> cutover --complete--> completed
///    ^                 |                        |                    |
///    +------abort------+------------abort-------+--------abort-------+
/// ```
public enum SyncPhase: String, Sendable, Hashable, CaseIterable {
    /// Dual-write triggers are on the old table; the existing rows are being copied (resumable).
    case copying
    /// Every existing row was copied; the triggers keep the new table in step.
    case synced
    /// The old table is in the archive schema, a view with its name reads and writes the new table, and the new
    /// table writes back into the archived old one.
    case cutover
    /// Triggers and views are gone; the archive is kept (or dropped on request).
    case completed
    /// The sync was undone: the database is as before `start`.
    case aborted

    /// A step of a sync.
    public enum Step: String, Sendable, Hashable {
        /// `strata sync start`.
        case start
        /// `strata sync verify`.
        case verify
        /// `strata sync cutover`.
        case cutover
        /// `strata sync complete`.
        case complete
        /// `strata sync abort`.
        case abort
    }

    /// Refuses `step` for a table in `phase` (`nil`: never started, or aborted before) with the reason and what to
    /// run instead; returns quietly when it may go ahead.
    public static func check(_ step: Step, table: String, phase: SyncPhase?) throws(StrataError) {
        func refuse(_ message: String, _ hint: String) throws(StrataError) {
            throw StrataError(.syncRefused, "\(table): \(message)", hint: hint)
        }
        switch (step, phase) {
        case (.start, nil), (.start, .aborted), (.start, .copying), (.start, .synced):
            return
        case (.start, .cutover):
            try refuse("the sync is already cut over", "run 'strata sync complete' or 'strata sync abort'")
        case (.start, .completed):
            try refuse("the sync was completed", "a completed sync cannot start again; write a new plan")
        case (.verify, .synced), (.verify, .cutover):
            return
        case (.verify, .copying):
            try refuse("the copy is not finished", "run 'strata sync start' again to finish it")
        case (.verify, _):
            try refuse("there is nothing to verify (\(phase?.rawValue ?? "not started"))", "run 'strata sync start' first")
        case (.cutover, .synced), (.cutover, .cutover):
            return
        case (.cutover, .copying):
            try refuse("the copy is not finished", "run 'strata sync start' again to finish it, then 'strata sync verify'")
        case (.cutover, _):
            try refuse("cannot cut over a sync that is \(phase?.rawValue ?? "not started")", "run 'strata sync start' first")
        case (.complete, .cutover), (.complete, .completed):
            return
        case (.complete, _):
            try refuse("cannot complete a sync that is \(phase?.rawValue ?? "not started")", "run 'strata sync cutover' first")
        case (.abort, .copying), (.abort, .synced), (.abort, .cutover), (.abort, .aborted), (.abort, nil):
            return
        case (.abort, .completed):
            try refuse(
                "the sync was completed: its triggers and views are gone", "the old table is kept in the strata_archive schema (unless --drop-archive dropped it); move it back by hand with ALTER TABLE … SET SCHEMA")
        }
    }
}

extension StrataError.Code {
    /// A sync step refused in the table's current phase, or a plan that does not fit the database (exit 2).
    public static let syncRefused = StrataError.Code("sync-refused", exitStatus: .usage)
    /// `strata sync verify` (or the check inside cut-over) found rows that differ (exit 4).
    public static let syncDifference = StrataError.Code("sync-difference", exitStatus: .validation)
}
