/// Which targets a fleet run touches and in which stages: a canary stage first (`--canary N`), or one stage per
/// group (`--waves eu,us`), else one stage. A stage starts only when the one before it succeeded everywhere.
public struct FleetPlan: Sendable, Hashable {
    /// The stages, in order; each a list of targets run N at a time.
    public var stages: [[FleetTarget]]

    /// Plans `targets`: only `group` when given; `canary` targets first; or `waves` groups in that order.
    public init(
        targets: [FleetTarget], group: String? = nil, canary: Int? = nil, waves: [String] = []
    ) throws(StrataError) {
        var chosen = targets
        if let group {
            chosen = targets.filter { $0.group == group }
            guard !chosen.isEmpty else {
                let known = Set(targets.compactMap(\.group)).sorted()
                throw StrataError(
                    .usage, "no target is in group '\(group)'",
                    hint: known.isEmpty ? "no target has a group" : "groups: \(known.joined(separator: ", "))")
            }
        }
        if !waves.isEmpty {
            guard canary == nil else { throw StrataError(.usage, "--canary and --waves cannot be combined") }
            var stages: [[FleetTarget]] = []
            for wave in waves {
                let members = chosen.filter { $0.group == wave }
                guard !members.isEmpty else { throw StrataError(.usage, "--waves: no target is in group '\(wave)'") }
                stages.append(members)
            }
            let left = chosen.filter { target in !waves.contains(target.group ?? "") }
            if !left.isEmpty {
                throw StrataError(
                    .usage, "--waves leaves out \(left.count) target\(left.count == 1 ? "" : "s") (\(left.prefix(3).map(\.name).joined(separator: ", "))…)",
                    hint: "name every group in --waves, or choose one with --group")
            }
            self.stages = stages
            return
        }
        if let canary {
            guard canary > 0 else { throw StrataError(.usage, "--canary must be 1 or more") }
            self.stages = chosen.count > canary ? [Array(chosen.prefix(canary)), Array(chosen.dropFirst(canary))] : [chosen]
            return
        }
        self.stages = [chosen]
    }

    /// Every target of the plan, in order.
    public var targets: [FleetTarget] { stages.flatMap { $0 } }
}
