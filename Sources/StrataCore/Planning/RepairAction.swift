/// One change `strata repair` makes (or, in a dry run, would make) to the history.
public struct RepairAction: Sendable, Hashable, CustomStringConvertible {
    /// What kind of change.
    public enum Kind: String, Sendable, Hashable {
        /// An applied file was edited on purpose: the recorded checksum takes the file's.
        case realignChecksum = "realign-checksum"
        /// A failed or partial no-transaction file was edited to fix it: the checksum is realigned and the progress
        /// kept, so the next migrate resumes at the statement that failed.
        case keepProgress = "keep-progress"
        /// `--mark-applied`: a failed or partial file was finished by hand.
        case markApplied = "mark-applied"
        /// `--forget`: the row goes, so the file runs again from its first statement (or a missing file is forgotten).
        case forget
    }

    /// What kind of change.
    public var kind: Kind
    /// The version it touches.
    public var version: MigrationVersion
    /// The migration's name.
    public var name: String
    /// The checksum recorded before.
    public var oldChecksum: String
    /// The checksum recorded after (the file's), empty for `forget`.
    public var newChecksum: String
    /// For `keepProgress`: how many statements already ran.
    public var statementsRun: Int

    /// Creates an action.
    public init(
        kind: Kind, version: MigrationVersion, name: String, oldChecksum: String, newChecksum: String, statementsRun: Int = 0
    ) {
        self.kind = kind
        self.version = version
        self.name = name
        self.oldChecksum = oldChecksum
        self.newChecksum = newChecksum
        self.statementsRun = statementsRun
    }

    /// One line for the user.
    public var description: String {
        switch kind {
        case .realignChecksum:
            return "\(version) \(name): checksum realigned \(oldChecksum.prefix(12)) -> \(newChecksum.prefix(12))"
        case .keepProgress:
            return "\(version) \(name): checksum realigned; \(statementsRun) statement\(statementsRun == 1 ? "" : "s") "
                + "already ran and will not run again; the next migrate resumes at statement \(statementsRun + 1)"
        case .markApplied:
            return "\(version) \(name): marked as applied"
        case .forget:
            return "\(version) \(name): removed from the history"
        }
    }
}
