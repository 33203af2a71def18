/// Decides what `strata repair` changes: checksums of edited applied files take the file's; a failed or partial
/// no-transaction file that was edited keeps its progress (the next migrate resumes at the failed statement);
/// `markApplied` versions (finished by hand, or pending files whose changes the database has) become applied; `forget` versions (failed, partial, skipped, or whose
/// file is gone) are removed so they run again from the start. Pure.
public enum RepairPlanner {
    /// The actions `repair` takes on `planner`'s statuses; a requested version that cannot be handled is an error.
    public static func actions(
        _ planner: MigrationPlanner, markApplied: [MigrationVersion], forget: [MigrationVersion]
    ) throws(StrataError) -> [RepairAction] {
        var actions: [RepairAction] = []
        var handled: Set<MigrationVersion> = []
        for status in planner.statuses() {
            // A pending file whose changes are in the database already (made by hand, then written down).
            if status.history == nil, status.state == .pending, markApplied.contains(status.version), let migration = status.migration {
                actions.append(RepairAction(
                    kind: .markApplied, version: status.version, name: migration.name, oldChecksum: "",
                    newChecksum: migration.checksum, statementsRun: 0))
                handled.insert(status.version)
                continue
            }
            guard let entry = status.history else { continue }
            let fileChecksum = status.migration?.checksum ?? entry.checksum
            func action(_ kind: RepairAction.Kind) -> RepairAction {
                RepairAction(
                    kind: kind, version: status.version, name: status.migration?.name ?? entry.name,
                    oldChecksum: entry.checksum, newChecksum: kind == .forget ? "" : fileChecksum,
                    statementsRun: entry.statementsRun)
            }
            if forget.contains(status.version) {
                guard [.failed, .partial, .skipped, .missing].contains(status.state) else {
                    throw StrataError(
                        .usage, "--forget \(status.version): the migration is \(status.state), not failed, partial, skipped or missing",
                        hint: "to undo an applied migration use strata rollback")
                }
                actions.append(action(.forget))
                handled.insert(status.version)
            } else if markApplied.contains(status.version) {
                guard status.state == .failed || status.state == .partial, status.migration != nil else {
                    throw StrataError(
                        .usage, "--mark-applied \(status.version): the migration is \(status.state), not failed or partial")
                }
                actions.append(action(.markApplied))
                handled.insert(status.version)
            } else if status.state == .changed {
                actions.append(action(.realignChecksum))
            } else if (status.state == .failed || status.state == .partial) && fileChecksum != entry.checksum {
                actions.append(action(.keepProgress))
            }
        }
        if let unknown = (forget + markApplied).first(where: { !handled.contains($0) }) {
            throw StrataError(.usage, "version \(unknown) has no history row to repair", hint: "see strata status")
        }
        return actions
    }
}
