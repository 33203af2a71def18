import StrataCore

/// What a `Seeder` reports as it works, one event per file or set.
public enum SeedProgress: Sendable {
    /// A file ran and committed; `again` when it had been applied before (changed, or reset).
    case applied(SeedFile, milliseconds: Int, statements: Int, again: Bool)
    /// A file was already applied with the same checksum.
    case unchanged(SeedFile)
    /// A file applied with the same checksum runs again because its data is gone (`reason`).
    case stale(SeedFile, reason: String)
    /// A set's tables were emptied before its files ran again.
    case truncated(SeedSet)
}

/// What a seed run did.
public struct SeedRunSummary: Sendable, Hashable {
    /// `set/file` of every file that ran, in order.
    public var applied: [String] = []
    /// How many files were skipped because they were applied with the same checksum.
    public var unchanged = 0

    /// An empty summary.
    public init() {}
}
