import Foundation
import StrataCore

/// Prints a fleet run: a line per target as it ends (or a JSON object per target with `--json`), then a summary
/// table and the failed targets by name.
final class FleetPrinter: @unchecked Sendable {
    let json: Bool
    let quiet: Bool
    let color: Bool
    private let lock = NSLock()

    init(json: Bool, quiet: Bool) {
        self.json = json
        self.quiet = quiet
        self.color = Console.standardOutput.supportsColor
    }

    /// One target ended.
    func report(_ outcome: FleetOutcome) {
        lock.withLock {
            if json {
                Console.standardOutput.write(Self.jsonLine(outcome))
                return
            }
            guard !quiet || outcome.state == .failed else { return }
            let style: Style = outcome.state == .done ? .green : (outcome.state == .failed ? .red : .yellow)
            let state = style.apply(outcome.state.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0), enabled: color)
            let exit = outcome.error.map { " (exit \($0.exitStatus.rawValue))" } ?? ""
            Console.standardOutput.write(
                "\(state) \(outcome.target)  \(outcome.summary)\(exit)"
                    + Style.dim.apply(" (\(outcome.milliseconds) ms)", enabled: color))
        }
    }

    /// The closing lines: counts, and the failed targets by name.
    func summary(_ outcomes: [FleetOutcome], milliseconds: Int) {
        guard !json else { return }
        let done = outcomes.filter { $0.state == .done }.count
        let failed = outcomes.filter { $0.state == .failed }
        let notRun = outcomes.filter { $0.state == .notRun }.count
        var line = "\(outcomes.count) target\(outcomes.count == 1 ? "" : "s"): \(done) done, \(failed.count) failed"
        if notRun > 0 { line += ", \(notRun) not run" }
        Console.standardOutput.write(line + " in \(milliseconds) ms.")
        if !failed.isEmpty {
            Console.standardError.write("failed: " + failed.map(\.target).joined(separator: ", "))
        }
    }

    /// `{"target":"shop-eu","state":"done","count":3,"summary":"applied 3","duration_ms":120}` (with `error` and
    /// `exit_code` when it failed).
    static func jsonLine(_ outcome: FleetOutcome) -> String {
        var fields = [
            "\"target\":\(StatusRendering.quote(outcome.target))", "\"state\":\(StatusRendering.quote(outcome.state.rawValue))",
            "\"count\":\(outcome.count)", "\"summary\":\(StatusRendering.quote(outcome.summary))",
            "\"duration_ms\":\(outcome.milliseconds)",
        ]
        if let error = outcome.error {
            fields.append("\"error\":\(StatusRendering.quote(error.message))")
            fields.append("\"exit_code\":\(error.exitStatus.rawValue)")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
