/// What the catalog says about a table: its sizes and estimated row count.
public struct TableFacts: Sendable, Hashable, Codable {
    /// The table, schema-qualified.
    public var table: RelationName
    /// The heap alone (`pg_relation_size`), bytes.
    public var heapBytes: Int64
    /// Table, indexes and TOAST (`pg_total_relation_size`), bytes.
    public var totalBytes: Int64
    /// `pg_class.reltuples`: the planner's row estimate (0 when never analyzed).
    public var rows: Int64

    /// Creates facts.
    public init(table: RelationName, heapBytes: Int64, totalBytes: Int64, rows: Int64) {
        self.table = table
        self.heapBytes = heapBytes
        self.totalBytes = totalBytes
        self.rows = max(rows, 0)
    }

    /// `8.2 MB, 120,000 rows`.
    public var sizeText: String { "\(ByteCount.text(totalBytes)), \(ByteCount.grouped(rows)) rows" }
}

/// A lock a session holds or waits for on a table.
public struct SessionLock: Sendable, Hashable, Codable {
    /// The table.
    public var table: RelationName
    /// The mode.
    public var mode: LockMode
    /// Held (true) or waited for (false).
    public var granted: Bool

    /// Creates a lock.
    public init(table: RelationName, mode: LockMode, granted: Bool) {
        self.table = table
        self.mode = mode
        self.granted = granted
    }
}

/// Another server session that could be in the way: from `pg_stat_activity` and `pg_locks`.
public struct SessionFacts: Sendable, Hashable, Codable {
    /// Its server process id.
    public var pid: Int32
    /// `application_name`, empty when unset.
    public var application: String
    /// `state`: `active`, `idle in transaction`, …
    public var state: String
    /// Seconds since its transaction (else its current state) started.
    public var ageSeconds: Int64
    /// The first three words of its current or last query, never more.
    public var queryStart: String
    /// Its table locks on the tables that matter.
    public var locks: [SessionLock]
    /// Milliseconds it has been in its current state: a session idle in a transaction for a moment may be a
    /// program between two statements (another migration run), one idle for a second or more is waiting for a
    /// person or a stuck program.
    public var stateMilliseconds: Int64

    /// Creates facts.
    public init(
        pid: Int32, application: String, state: String, ageSeconds: Int64, queryStart: String, locks: [SessionLock],
        stateMilliseconds: Int64 = 0
    ) {
        self.stateMilliseconds = stateMilliseconds
        self.pid = pid
        self.application = application
        self.state = state
        self.ageSeconds = ageSeconds
        self.queryStart = queryStart
        self.locks = locks
    }

    /// `idle in transaction` or `idle in transaction (aborted)`.
    public var isIdleInTransaction: Bool { state.hasPrefix("idle in transaction") }

    /// `pid 4242 (psql, idle in transaction for 12 s, SELECT * FROM)`.
    public var description: String {
        let app = application.isEmpty ? "no application_name" : application
        return "pid \(pid) (\(app), \(state) for \(ageSeconds) s, \(queryStart))"
    }
}

/// Byte counts and numbers for people.
public enum ByteCount {
    /// `512 B`, `8.0 kB`, `12.3 MB`, `1.5 GB` (powers of 1024, as `pg_size_pretty`).
    public static func text(_ bytes: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        return "\((value * 10).rounded() / 10) \(units[unit])"
    }

    /// `2,000,000`.
    public static func grouped(_ number: Int64) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (number < 0 ? "-" : "") + out
    }
}
