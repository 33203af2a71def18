/// A drift `strata validate` reports between the folder and the history table.
public struct ValidationProblem: Sendable, Hashable, CustomStringConvertible {
    /// The kind of drift.
    public enum Kind: String, Sendable, Hashable {
        /// An applied file's checksum differs from the recorded one.
        case changed
        /// An applied migration's file is gone.
        case missing
        /// A pending file has a lower version than one already applied.
        case outOfOrder = "out-of-order"
        /// A non-transactional migration stopped part-way or failed.
        case incomplete
    }

    /// The kind.
    public var kind: Kind
    /// The migration's status.
    public var status: MigrationStatus

    /// One line naming the version, and for a changed file both checksums.
    public var description: String {
        let subject = "\(status.version) \(status.name)"
        switch kind {
        case .changed:
            return "\(subject): changed since it was applied (recorded \(status.history?.checksum ?? "?"), file \(status.migration?.checksum ?? "?"))"
        case .missing:
            return "\(subject): applied, but its file is missing"
        case .outOfOrder:
            return "\(subject): pending, but a later version is already applied"
        case .incomplete:
            return "\(subject): \(status.state.rawValue) after \(status.history?.statementsRun ?? 0) statement(s); rerun strata migrate to finish it"
        }
    }

    /// Finds every problem in a status list.
    public static func find(in statuses: [MigrationStatus]) -> [ValidationProblem] {
        let highestApplied = statuses.filter { $0.history?.isInEffect == true }.map(\.version).max()
        return statuses.compactMap { status in
            switch status.state {
            case .changed: return ValidationProblem(kind: .changed, status: status)
            case .missing: return ValidationProblem(kind: .missing, status: status)
            case .partial, .failed: return ValidationProblem(kind: .incomplete, status: status)
            case .pending:
                if let highestApplied, status.version < highestApplied {
                    return ValidationProblem(kind: .outOfOrder, status: status)
                }
                return nil
            default: return nil
            }
        }
    }
}
