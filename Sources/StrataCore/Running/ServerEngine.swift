/// The engine behind a PostgreSQL connection, read from `version()` on connect: some speak the protocol but
/// change what a migrator may rely on (see docs/distributed.md).
public enum ServerEngine: String, Sendable, Hashable {
    /// PostgreSQL itself (Citus is an extension of it and reports PostgreSQL).
    case postgres
    /// CockroachDB: no session advisory locks that exclude anyone; DDL is not transactional with the data.
    case cockroach
    /// YugabyteDB: PostgreSQL's front end, but advisory locks are not supported everywhere and DDL in a
    /// transaction is limited.
    case yugabyte

    /// The engine a `version()` text names.
    public static func detect(versionText: String) -> ServerEngine {
        let text = versionText.lowercased()
        if text.contains("cockroachdb") { return .cockroach }
        if text.contains("-yb-") || text.contains("yugabyte") { return .yugabyte }
        return .postgres
    }

    /// Whether a session advisory lock keeps two runs apart on this engine.
    public var supportsAdvisoryLocks: Bool { self == .postgres }

    /// The lock strategy to use when `requested` is the default: the lease row where advisory locks cannot work.
    public func lockStrategy(requested: LockStrategy) -> LockStrategy {
        supportsAdvisoryLocks ? requested : .table
    }
}
