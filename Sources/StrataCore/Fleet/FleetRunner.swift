/// What happened on one target of a fleet run.
public struct FleetOutcome: Sendable {
    /// How the target ended.
    public enum State: String, Sendable, Hashable {
        /// The work finished (migrated, or read for status/validate).
        case done
        /// It failed; `error` says why.
        case failed
        /// It was not run: an earlier stage failed, or `--fail-fast` stopped the run.
        case notRun = "not-run"
    }

    /// The target's name.
    public var target: String
    /// How it ended.
    public var state: State
    /// Migrations applied (migrate) or pending (status), as the command counts them.
    public var count: Int
    /// A short description of the result (`applied 3`, `up to date`, `2 pending`).
    public var summary: String
    /// How long the target took.
    public var milliseconds: Int
    /// The failure, when it failed.
    public var error: StrataError?

    /// Creates an outcome.
    public init(
        target: String, state: State, count: Int = 0, summary: String = "", milliseconds: Int = 0,
        error: StrataError? = nil
    ) {
        self.target = target
        self.state = state
        self.count = count
        self.summary = summary
        self.milliseconds = milliseconds
        self.error = error
    }
}

/// The policy of a fleet run: stages in order, `parallel` targets at a time within a stage, a failed target does not
/// stop the others unless `failFast`, and a stage runs only after the one before succeeded everywhere. The work on
/// one target is the caller's (`work`), so the policy is tested without a server.
public struct FleetRunner: Sendable {
    /// How many targets run at once.
    public var parallel: Int
    /// Stop starting targets after the first failure.
    public var failFast: Bool

    /// Creates a runner.
    public init(parallel: Int, failFast: Bool = false) {
        self.parallel = max(1, parallel)
        self.failFast = failFast
    }

    /// Runs `plan`; `report` receives each outcome as it happens (from one task at a time). Returns every target's
    /// outcome in plan order.
    public func run(
        _ plan: FleetPlan, report: @escaping @Sendable (FleetOutcome) -> Void = { _ in },
        work: @escaping @Sendable (FleetTarget) async -> FleetOutcome
    ) async -> [FleetOutcome] {
        var outcomes: [String: FleetOutcome] = [:]
        var stopped = false
        for stage in plan.stages {
            if stopped {
                for target in stage { outcomes[target.name] = FleetOutcome(target: target.name, state: .notRun, summary: "not run: an earlier stage failed") }
                continue
            }
            let results = await runStage(stage, report: report, work: work)
            for result in results { outcomes[result.target] = result }
            if results.contains(where: { $0.state != .done }) { stopped = true }
        }
        return plan.targets.map { outcomes[$0.name] ?? FleetOutcome(target: $0.name, state: .notRun) }
    }

    private func runStage(
        _ stage: [FleetTarget], report: @escaping @Sendable (FleetOutcome) -> Void,
        work: @escaping @Sendable (FleetTarget) async -> FleetOutcome
    ) async -> [FleetOutcome] {
        await withTaskGroup(of: FleetOutcome.self) { group in
            var results: [FleetOutcome] = []
            var next = 0
            var failed = false
            func startNext() {
                guard next < stage.count else { return }
                let target = stage[next]
                next += 1
                group.addTask { await work(target) }
            }
            for _ in 0..<min(parallel, stage.count) { startNext() }
            while let outcome = await group.next() {
                results.append(outcome)
                report(outcome)
                if outcome.state == .failed { failed = true }
                if !(failed && failFast) { startNext() }
            }
            while next < stage.count {
                let skipped = FleetOutcome(target: stage[next].name, state: .notRun, summary: "not run: --fail-fast after a failure")
                results.append(skipped)
                report(skipped)
                next += 1
            }
            return results
        }
    }
}
