import Foundation
import PostgresNIO
import StrataCore

extension SyncEngine {
    /// What a cut-over did for a pair.
    public struct CutoverReport: Sendable, Hashable {
        /// The old name (now a view over the new table).
        public var from: String
        /// Where the old table went.
        public var archive: String
        /// How long the tables were locked (the longest write stall).
        public var locked: Duration
    }

    /// Cuts every synced pair over: refused unless its last comparison matched; inside one short transaction per
    /// pair (or one for all with `atomic`) the tables are locked, compared again, the old table moves to the
    /// archive schema, a view with its name reads and writes the new table, and the new table writes back into the
    /// archive, so an abort after cut-over loses nothing.
    public func cutover(in session: DatabaseSession, atomic: Bool) async throws(StrataError) -> [CutoverReport] {
        let pairs = try await resolve(in: session)
        let known = try await phases(in: session)
        var todo: [ResolvedSyncTable] = []
        for pair in pairs {
            let from = pair.plan.from.description
            try SyncPhase.check(.cutover, table: from, phase: known[from]?.phase)
            if known[from]?.phase == .cutover { continue }
            guard known[from]?.verifyResult == "ok" else {
                throw StrataError(
                    .syncRefused, "\(from): no passing comparison since the copy",
                    hint: "run 'strata sync verify \(plan.name)' (with --repair if it finds differences) first")
            }
            let unwritable = pair.unwritableOldColumns
            guard unwritable.isEmpty else {
                throw StrataError(
                    .syncRefused,
                    "\(from): after cut-over the new table writes back into the old one, which has NOT NULL column\(unwritable.count == 1 ? "" : "s") nothing copies as it is: \(unwritable.joined(separator: ", "))",
                    location: FileLocation(path: plan.path, line: pair.plan.line),
                    hint: "map each to a new column as a plain column name, or give it a default")
            }
            todo.append(pair)
        }
        let groups = atomic ? [todo] : todo.map { [$0] }
        var reports: [CutoverReport] = []
        for group in groups where !group.isEmpty {
            for pair in group { try await requireMatch(pair, source: pair.plan.from.quoted, step: "cut-over", in: session) }
            let clock = ContinuousClock()
            var started = clock.now
            try await ddl(in: session) { () throws(StrataError) in
                started = clock.now
                // Old then new, as a writer's dual write takes them.
                try await lock(group.flatMap { [$0.plan.from.quoted, $0.plan.to.quoted] }, in: session)
                for pair in group {
                    try await checkLocked(pair, source: pair.plan.from.quoted, trigger: pair.plan.from.quoted, in: session)
                }
                for pair in group {
                    let sql = sql(pair)
                    try await execute(sql.archiveOld, in: session)
                    var defaults: [String: String] = [:]
                    for row in try await session.run(PostgresQuery(unsafeSQL: sql.archivedDefaults)) {
                        if let (column, expression) = try? row.decode((String, String).self) { defaults[column] = expression }
                    }
                    try await execute(sql.compatibility(defaults: defaults), in: session)
                    try await state.setPhase(.cutover, sync: plan.name, from: pair.plan.from.description, in: session)
                }
            }
            let locked = clock.now - started
            for pair in group {
                await event("cutover", pair: pair.plan.from.description, detail: "locked \(locked)", in: session)
                reports.append(CutoverReport(from: pair.plan.from.description, archive: sql(pair).archive.description, locked: locked))
            }
        }
        return reports
    }

    /// The locks of a pair after cut-over, in the order a writer through the view takes them: the view (the old
    /// name), the new table, the archive.
    func cutoverLocks(_ pair: ResolvedSyncTable) -> [String] {
        [pair.plan.from.quoted, pair.plan.to.quoted, sql(pair).archive.quoted]
    }

    /// Ends a cut-over sync: drops the compatibility views and the write-back; the archive is kept, or dropped
    /// with `dropArchive` after a last comparison.
    public func complete(in session: DatabaseSession, dropArchive: Bool) async throws(StrataError) -> [String] {
        let known = try await phases(in: session)
        for pair in plan.tables {
            try SyncPhase.check(.complete, table: pair.from.description, phase: known[pair.from.description]?.phase)
        }
        var done: [String] = []
        guard plan.tables.contains(where: { known[$0.from.description]?.phase == .cutover }) else { return done }
        let pairs = try await resolve(in: session)
        let cutOver = pairs.filter { known[$0.plan.from.description]?.phase == .cutover }
        if dropArchive {
            for pair in cutOver { try await requireMatch(pair, source: sql(pair).archive.quoted, step: "dropping the archive", in: session) }
        }
        try await ddl(in: session) { () throws(StrataError) in
            done = []
            try await lock(cutOver.reversed().flatMap(cutoverLocks), in: session)
            for pair in cutOver.reversed() {
                let sql = sql(pair)
                if dropArchive {
                    try await checkLocked(pair, source: sql.archive.quoted, trigger: pair.plan.to.quoted, in: session)
                }
                try await execute(sql.removeCutover, in: session)
                if dropArchive {
                    for row in try await session.run(PostgresQuery(unsafeSQL: sql.sharedSequences)) {
                        guard let (sequence, column) = try? row.decode((String, String).self) else { continue }
                        try await execute(
                            ["ALTER SEQUENCE \(sequence) OWNED BY NONE",
                             "ALTER SEQUENCE \(sequence) SET SCHEMA \(SQLIdentifier.quoted(pair.plan.to.schema))",
                             "ALTER SEQUENCE \(SQLIdentifier.quoted(pair.plan.to.schema)).\(sequence.split(separator: ".").last.map(String.init) ?? sequence) OWNED BY \(pair.plan.to.quoted).\(SQLIdentifier.quoted(column))"],
                            in: session)
                    }
                    try await execute(["DROP TABLE \(sql.archive.quoted)"], in: session)
                }
                try await state.setPhase(.completed, sync: plan.name, from: pair.plan.from.description, in: session)
                done.append(pair.plan.from.description)
            }
        }
        for from in done { await event("completed", pair: from, detail: dropArchive ? "archive dropped" : "archive kept", in: session) }
        return done
    }

    /// Undoes the sync from any phase but completed, in one transaction: before cut-over the triggers go and the
    /// new tables are emptied; after it, the archive is compared with the new table (nothing written since may be
    /// missing), the view and write-back go, and the old table takes its name back. Pairs in reverse plan order.
    public func abort(in session: DatabaseSession) async throws(StrataError) -> [String] {
        let known = try await phases(in: session)
        for pair in plan.tables {
            try SyncPhase.check(.abort, table: pair.from.description, phase: known[pair.from.description]?.phase)
        }
        var undone: [String] = []
        let live: Set<SyncPhase> = [.copying, .synced, .cutover]
        guard plan.tables.contains(where: { known[$0.from.description].map { live.contains($0.phase) } ?? false }) else {
            return undone
        }
        let pairs = try await resolve(in: session)
        let cutOver = pairs.filter { known[$0.plan.from.description]?.phase == .cutover }
        for pair in cutOver { try await requireMatch(pair, source: sql(pair).archive.quoted, step: "abort", in: session) }
        try await ddl(in: session) { () throws(StrataError) in
            undone = []
            try await lock(cutOver.reversed().flatMap(cutoverLocks), in: session)
            for pair in pairs.reversed() {
                let from = pair.plan.from.description
                let sql = sql(pair)
                switch known[from]?.phase {
                case .copying, .synced:
                    try await execute(sql.removeForward(on: pair.plan.from.quoted), in: session)
                    try await execute(["DELETE FROM \(pair.plan.to.quoted)"], in: session)
                case .cutover:
                    try await checkLocked(pair, source: sql.archive.quoted, trigger: pair.plan.to.quoted, in: session)
                    try await execute(sql.removeCutover + sql.restoreArchive, in: session)
                    try await execute(["DELETE FROM \(pair.plan.to.quoted)"], in: session)
                default:
                    continue
                }
                try await state.setPhase(.aborted, sync: plan.name, from: from, in: session)
                undone.append(from)
            }
        }
        for from in undone { await event("aborted", pair: from, in: session) }
        return undone
    }
}
