import Foundation
import StrataCore
import StrataLint
import StrataPostgres

/// Preflight for pending migrations: what each statement locks (from the lint rules' knowledge), the catalog's
/// sizes and sessions, the calibrated throughput, and the verdict (`Preflight.assess`).
struct PreflightCheck {
    /// Builds the linter's files.
    let lint: LintAdapter
    /// The thresholds.
    var policy = PreflightPolicy()

    /// What everything found, for `plan` and `migrate`.
    struct Report: Codable {
        /// The throughput the estimates use.
        var throughput: Throughput
        /// One entry per pending migration.
        var migrations: [MigrationAssessment]
        /// Sessions worth knowing about that hold no lock on a touched table (idle in transaction, long queries).
        var otherSessions: [SessionFacts]
    }

    /// The pending migrations as preflight sees them; a table created by an earlier one (or earlier in the same
    /// file) is new: nobody else can be using it.
    func plan(_ migrations: [Migration]) throws(StrataError) -> [PlannedMigration] {
        var created: [LintObjectName] = []
        var planned: [PlannedMigration] = []
        for migration in migrations {
            let file = try lint.lintFile(for: migration)
            var statements: [PlannedStatement] = []
            for statement in file.up {
                let touches = file.tableLocks(of: statement).compactMap { lock -> TableTouch? in
                    guard let mode = LockMode(rawValue: lock.mode.rawValue), let work = TableWork(rawValue: lock.work.rawValue)
                    else { return nil }
                    return TableTouch(
                        table: RelationName(schema: lock.table.schema, name: lock.table.name), lock: mode, work: work,
                        reason: lock.reason, isNew: lock.isNewInFile || created.contains { $0.matches(lock.table) })
                }
                statements.append(
                    PlannedStatement(
                        index: statement.index, line: statement.start.line, summary: Self.summary(statement),
                        touches: touches))
                if let table = statement.createTable, !table.isTemporary { created.append(table.name) }
            }
            planned.append(
                PlannedMigration(
                    version: migration.version.rawValue, name: migration.name,
                    isTransactional: migration.transactionMode == .transactional, statements: statements))
        }
        return planned
    }

    /// Reads the catalog on `session` and judges `migrations`.
    func run(_ migrations: [Migration], on session: DatabaseSession, throughput: Throughput) async throws(StrataError)
        -> Report
    {
        let planned = try plan(migrations)
        var tables: [RelationName] = []
        for migration in planned {
            for touch in migration.statements.flatMap(\.touches) where !touch.isNew && !tables.contains(touch.table) {
                tables.append(touch.table)
            }
        }
        let catalog = PreflightCatalog(session: session)
        let facts = try await catalog.tableFacts(tables)
        let sessions = try await catalog.sessions(touching: tables)
        let assessments = Preflight.assess(
            planned, tables: facts, sessions: sessions, throughput: throughput, policy: policy)
        let involved = Set(assessments.flatMap(\.blockers).map(\.session.pid))
        return Report(
            throughput: throughput, migrations: assessments,
            otherSessions: sessions.filter { !involved.contains($0.pid) && $0.locks.isEmpty })
    }

    /// The statement's first four words (`ALTER TABLE accounts ALTER`), never its whole text.
    static func summary(_ statement: LintStatement) -> String {
        statement.tokens.prefix(4).map { $0.text.count > 40 ? String($0.text.prefix(40)) + "…" : $0.text }
            .joined(separator: " ")
    }
}
