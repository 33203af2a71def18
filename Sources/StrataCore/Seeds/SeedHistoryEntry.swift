import Foundation

/// One row of `strata.seed_history`: a seed file Strata applied, keyed by set and file name.
public struct SeedHistoryEntry: Sendable, Hashable {
    /// The set's name.
    public var setName: String
    /// The file's name inside the set.
    public var fileName: String
    /// The file's checksum when it was applied.
    public var checksum: String
    /// When it was applied.
    public var appliedAt: Date
    /// The role that applied it.
    public var appliedBy: String
    /// Why the data the file wrote is gone although the row says applied — a migration it ran after was rolled back
    /// or applied again, `seed reset` of another set emptied a table it fills, a table its set declares is empty —
    /// so `seed` applies it again; nil when nothing says so.
    public var staleReason: String?

    /// Creates an entry.
    public init(
        setName: String, fileName: String, checksum: String, appliedAt: Date, appliedBy: String,
        staleReason: String? = nil
    ) {
        self.setName = setName
        self.fileName = fileName
        self.checksum = checksum
        self.appliedAt = appliedAt
        self.appliedBy = appliedBy
        self.staleReason = staleReason
    }
}
