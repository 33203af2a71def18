import ArgumentParser
import Foundation
import StrataCore

/// The options every `strata fleet` command shares.
struct FleetOptions: ParsableArguments {
    @Option(name: .customLong("targets"), help: ArgumentHelp("The targets file (default: fleet.toml).", valueName: "path"))
    var targetsPath: String?

    @Option(name: .customLong("group"), help: ArgumentHelp("Only the targets of this group.", valueName: "group"))
    var group: String?

    @Option(name: .customLong("parallel"), help: ArgumentHelp(
        "How many targets at once (default: twice the number of cores).", valueName: "n"))
    var parallel: Int?

    @Flag(name: .customLong("fail-fast"), help: "Start no further target after the first failure.")
    var failFast = false

    @Option(name: .customLong("canary"), help: ArgumentHelp(
        "Run the first N targets first; stop there if any fails.", valueName: "n"))
    var canary: Int?

    @Option(name: .customLong("waves"), help: ArgumentHelp(
        "Run groups in this order, each only after the one before succeeded (comma-separated).", valueName: "g1,g2"))
    var waves: String?

    @Flag(help: "Print one JSON object per target (JSON Lines) instead of the table.")
    var json = false

    /// The plan these options choose from the targets file.
    func plan() throws(StrataError) -> FleetPlan {
        let path = targetsPath ?? "fleet.toml"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StrataError(
                .configuration, "cannot read the targets file '\(path)'",
                hint: "write a fleet.toml with one [[target]] per database (name, url_env, group, schemas), or pass --targets PATH")
        }
        let document = try TOMLDocument.parse(String(decoding: data, as: UTF8.self), path: path)
        let waveList = (waves ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return try FleetPlan(targets: try FleetFile.targets(in: document), group: group, canary: canary, waves: waveList)
    }

    /// The runner these options choose.
    var runner: FleetRunner {
        FleetRunner(parallel: parallel ?? ProcessInfo.processInfo.activeProcessorCount * 2, failFast: failFast)
    }
}
