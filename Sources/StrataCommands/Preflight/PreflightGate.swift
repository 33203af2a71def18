import StrataCore
import StrataPostgres

/// The preflight at the start of `migrate`, before the migration lock is taken: refuses a migration whose
/// estimated blocking lock exceeds `--max-lock-time`, and, when a session idle in a transaction holds a lock
/// that conflicts with a pending statement, waits for it to go (up to `--lock-wait`) or refuses naming it, instead
/// of queueing behind it (where every query on the table would queue behind the migration).
struct PreflightGate {
    /// The check, with `--max-lock-time` in its policy.
    let check: PreflightCheck
    /// How long to wait for an idle blocker to go; nil refuses at once.
    let wait: Duration?
    /// No progress lines.
    let quiet: Bool
    /// A session idle in a transaction this long is a blocker (not a program between two statements).
    static let settledIdleMilliseconds: Int64 = 1_000
    /// How often the catalog is read again while waiting.
    var pollInterval: Duration = .milliseconds(250)

    /// Checks `pending` on `session`; returns when they may run.
    func run(_ pending: [Migration], on session: DatabaseSession) async throws(StrataError) {
        guard !pending.isEmpty else { return }
        let throughput = ThroughputCache().load(server: session.target) ?? .assumed
        let clock = ContinuousClock()
        let start = clock.now
        var announced = false
        while true {
            let report = try await check.run(pending, on: session, throughput: throughput)
            if let limit = check.policy.maxLockSeconds,
                let over = report.migrations.first(where: { $0.lockSeconds > limit })
            {
                throw StrataError(
                    .lockTooLong,
                    "\(over.version) \(over.name): estimated blocking lock of \(DurationText.seconds(over.lockSeconds)) "
                        + "exceeds --max-lock-time \(DurationText.seconds(limit))",
                    detail: (Self.estimates(over) + [throughput.statement]).joined(separator: "\n"),
                    hint: "build indexes CONCURRENTLY, add constraints NOT VALID then VALIDATE, or raise --max-lock-time; "
                        + "see strata plan")
            }
            let idleNow = report.migrations.flatMap(\.blockers).filter { $0.session.isIdleInTransaction && $0.lock.granted }
            if idleNow.isEmpty { return }
            // Idle for less than a second: maybe a program between two statements (another run of migrate); look again.
            let idle = idleNow.filter { $0.session.stateMilliseconds >= Self.settledIdleMilliseconds }
            guard let first = idle.first else {
                do { try await Task.sleep(for: pollInterval) } catch {
                    throw StrataError(.interrupted, "interrupted while waiting for an idle session to go")
                }
                continue
            }
            if let wait, clock.now - start < wait {
                if !announced && !quiet {
                    Console.standardError.write(
                        "waiting up to \(wait.wholeMilliseconds / 1000) s for \(first.description) "
                            + "(not queueing behind it)")
                    announced = true
                }
                do { try await Task.sleep(for: pollInterval) } catch {
                    throw StrataError(.interrupted, "interrupted while waiting for an idle session to go")
                }
                continue
            }
            throw StrataError(
                .lockBlocked,
                "\(first.description): the migration would queue behind this idle transaction and stall every query "
                    + "on \(first.lock.table)",
                detail: idle.count > 1 ? idle.dropFirst().map(\.description).joined(separator: "\n") : nil,
                hint: "commit or end that session (SELECT pg_terminate_backend(\(first.session.pid))), or wait for it with "
                    + "--lock-wait; see strata plan")
        }
    }
}

extension PreflightGate {
    /// One line per table a statement works on: `line 1 ALTER TABLE accounts ALTER: rewrite of public.accounts
    /// (11.2 MB, 200,000 rows), about 0.4 s under ACCESS EXCLUSIVE`.
    static func estimates(_ migration: MigrationAssessment) -> [String] {
        migration.statements.flatMap { statement in
            statement.tables.compactMap { table -> String? in
                guard let facts = table.facts, table.touch.work != .none else { return nil }
                return "line \(statement.statement.line) \(statement.statement.summary): \(table.touch.work.rawValue) of "
                    + "\(facts.table) (\(facts.sizeText)), about \(DurationText.seconds(table.seconds)) under "
                    + table.touch.lock.rawValue
            }
        }
    }

    /// The gate of `migrate`: `--max-lock-time` (or `max_lock_time`), and `--lock-wait` as the longest wait for an
    /// idle blocker.
    init(context: ProjectContext, maxLockTime: String?, quiet: Bool) throws(StrataError) {
        var check = PreflightCheck(lint: try LintAdapter(context: context))
        if let limit = try context.value(Settings.maxLockTime, flag: maxLockTime), limit.milliseconds > 0 {
            check.policy.maxLockSeconds = Double(limit.milliseconds) / 1000
        }
        self.init(check: check, wait: try context.migratorOptions().lockWait, quiet: quiet)
    }
}
