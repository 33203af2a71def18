/// The verdict on one pending migration.
public enum PreflightVerdict: String, Sendable, Hashable, Codable, Comparable {
    /// Nothing found that would hurt the application.
    case safe
    /// It would hold a lock that blocks the application for a noticeable time (the reasons give the numbers).
    case risky
    /// Another session holds or waits for a conflicting lock right now: the migration would queue behind it and
    /// every query on the table would queue behind the migration.
    case blocked

    /// `safe` < `risky` < `blocked`.
    public static func < (lhs: PreflightVerdict, rhs: PreflightVerdict) -> Bool {
        let order: [PreflightVerdict] = [.safe, .risky, .blocked]
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}

/// A session in the way of a statement: it holds (or waits for) a lock on a touched table that conflicts with the
/// statement's.
public struct Blocker: Sendable, Hashable, Codable {
    /// The session.
    public var session: SessionFacts
    /// The table and the mode it holds or waits for.
    public var lock: SessionLock
    /// The mode the statement needs.
    public var needed: LockMode

    /// Creates a blocker.
    public init(session: SessionFacts, lock: SessionLock, needed: LockMode) {
        self.session = session
        self.lock = lock
        self.needed = needed
    }

    /// `pid 4242 (psql, idle in transaction for 12 s, SELECT * FROM) holds ROW SHARE on public.accounts, which
    /// conflicts with ACCESS EXCLUSIVE`.
    public var description: String {
        "\(session.description) \(lock.granted ? "holds" : "waits for") \(lock.mode.rawValue) on \(lock.table), "
            + "which conflicts with \(needed.rawValue)"
    }
}

/// One table of one statement, with the catalog's numbers and the estimate.
public struct TableAssessment: Sendable, Hashable, Codable {
    /// What the statement does to the table.
    public var touch: TableTouch
    /// The catalog's numbers; nil for a new table or one not in the database.
    public var facts: TableFacts?
    /// Estimated seconds of work under the lock.
    public var seconds: Double
}

/// One statement with its tables, estimate and blockers.
public struct StatementAssessment: Sendable, Hashable, Codable {
    /// The statement.
    public var statement: PlannedStatement
    /// Its tables.
    public var tables: [TableAssessment]
    /// Estimated seconds for the statement (the sum over its tables).
    public var seconds: Double
    /// Sessions in its way now.
    public var blockers: [Blocker]
}

/// One pending migration: its statements, how long it would hold locks that block the application, and the verdict.
public struct MigrationAssessment: Sendable, Hashable, Codable {
    /// Its version.
    public var version: String
    /// Its name.
    public var name: String
    /// Its statements.
    public var statements: [StatementAssessment]
    /// Estimated seconds a lock that blocks writes (or reads) on an existing table is held: in a transactional
    /// migration from the first such statement to the commit, else the longest single statement.
    public var lockSeconds: Double
    /// The verdict.
    public var verdict: PreflightVerdict
    /// Why, with numbers; empty when safe.
    public var reasons: [String]

    /// Every blocker of every statement, once each.
    public var blockers: [Blocker] {
        var seen: [Blocker] = []
        for blocker in statements.flatMap(\.blockers) where !seen.contains(blocker) { seen.append(blocker) }
        return seen
    }
}

/// The thresholds a verdict is judged by.
public struct PreflightPolicy: Sendable, Hashable {
    /// A lock held longer than this makes a migration risky.
    public var riskyLockSeconds: Double
    /// `--max-lock-time`: a migration whose lock time is estimated above it is refused by `migrate`.
    public var maxLockSeconds: Double?

    /// Creates a policy; the default calls anything over one second of blocking risky.
    public init(riskyLockSeconds: Double = 1, maxLockSeconds: Double? = nil) {
        self.riskyLockSeconds = riskyLockSeconds
        self.maxLockSeconds = maxLockSeconds
    }
}

/// Judges pending migrations against the live database: pure, so it is tested without a server.
public enum Preflight {
    /// Assesses `migration` with the catalog's `tables`, the other `sessions` and the server's `throughput`.
    public static func assess(
        _ migration: PlannedMigration, tables: [TableFacts], sessions: [SessionFacts], throughput: Throughput,
        policy: PreflightPolicy = PreflightPolicy()
    ) -> MigrationAssessment {
        var statements: [StatementAssessment] = []
        for statement in migration.statements {
            var assessed: [TableAssessment] = []
            var blockers: [Blocker] = []
            for touch in statement.touches {
                let facts = touch.isNew ? nil : tables.first { touch.table.matches($0.table) }
                let seconds = facts.map { throughput.seconds(for: touch.work, on: $0) } ?? 0
                assessed.append(TableAssessment(touch: touch, facts: facts, seconds: seconds))
                guard !touch.isNew else { continue }
                for session in sessions {
                    for lock in session.locks where lock.table.matches(facts?.table ?? touch.table)
                        && lock.mode.conflicts(with: touch.lock)
                    {
                        let blocker = Blocker(session: session, lock: lock, needed: touch.lock)
                        if !blockers.contains(blocker) { blockers.append(blocker) }
                    }
                }
            }
            statements.append(
                StatementAssessment(
                    statement: statement, tables: assessed, seconds: assessed.map(\.seconds).reduce(0, +),
                    blockers: blockers))
        }
        let lockSeconds = lockTime(statements, transactional: migration.isTransactional)
        var verdict = PreflightVerdict.safe
        var reasons: [String] = []
        let blockers = statements.flatMap(\.blockers)
        if !blockers.isEmpty {
            verdict = .blocked
            var seen: Set<Blocker> = []
            for blocker in blockers where seen.insert(blocker).inserted { reasons.append(blocker.description) }
        }
        for statement in statements {
            for table in statement.tables where !table.touch.isNew && table.touch.lock.blocksWrites {
                guard let facts = table.facts, table.seconds >= policy.riskyLockSeconds else { continue }
                verdict = max(verdict, .risky)
                let blocks = table.touch.lock.blocksReads ? "reads and writes" : "writes"
                reasons.append(
                    "\(statement.statement.summary): \(table.touch.reason) on \(facts.table) (\(facts.sizeText)), "
                        + "about \(DurationText.seconds(table.seconds)) holding \(table.touch.lock.rawValue), "
                        + "which blocks \(blocks)")
            }
        }
        if let limit = policy.maxLockSeconds, lockSeconds > limit {
            verdict = max(verdict, .risky)
            reasons.append(
                "estimated lock time \(DurationText.seconds(lockSeconds)) exceeds the maximum "
                    + DurationText.seconds(limit))
        }
        return MigrationAssessment(
            version: migration.version, name: migration.name, statements: statements, lockSeconds: lockSeconds,
            verdict: verdict, reasons: reasons)
    }

    /// Assesses several pending migrations in order.
    public static func assess(
        _ migrations: [PlannedMigration], tables: [TableFacts], sessions: [SessionFacts], throughput: Throughput,
        policy: PreflightPolicy = PreflightPolicy()
    ) -> [MigrationAssessment] {
        migrations.map { assess($0, tables: tables, sessions: sessions, throughput: throughput, policy: policy) }
    }

    /// How long a lock that blocks the application is held on an existing table.
    static func lockTime(_ statements: [StatementAssessment], transactional: Bool) -> Double {
        func blocking(_ statement: StatementAssessment) -> Bool {
            statement.tables.contains { !$0.touch.isNew && $0.touch.lock.blocksWrites }
        }
        if transactional {
            guard let first = statements.firstIndex(where: blocking) else { return 0 }
            return statements[first...].map(\.seconds).reduce(0, +)
        }
        return statements.filter(blocking).map(\.seconds).max() ?? 0
    }
}

/// Seconds for people.
public enum DurationText {
    /// `0.2 s`, `12 s`, `3 min 20 s`, `1 h 5 min`.
    public static func seconds(_ value: Double) -> String {
        if value < 10 { return "\((value * 10).rounded() / 10) s" }
        let whole = Int(value.rounded())
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \((whole % 3600) / 60) min"
    }
}
