import Foundation
import Testing
@testable import StrataCore

/// The fleet file, the plan's stages and the runner's policy, without a server.
@Suite struct FleetPolicyTests {
    static let file = """
        # the shops and the tenants
        [[target]]
        name = "shop-eu"
        url_env = "SHOP_EU_URL"
        group = "eu"

        [[target]]
        name = "shop-us"
        url = 'postgres://app@us.example/shop'
        group = "us"

        [[target]]
        name = "tenants"
        url_env = "APP_URL"   # one database, a schema per tenant
        schemas = ["acme", "globex",]
        group = "eu"
        """

    static func targets() throws -> [FleetTarget] {
        try FleetFile.targets(in: try TOMLDocument.parse(file, path: "fleet.toml"))
    }

    @Test func theFileExpandsSchemasIntoOneTargetEach() throws {
        let targets = try Self.targets()
        #expect(targets.map(\.name) == ["shop-eu", "shop-us", "tenants/acme", "tenants/globex"])
        #expect(targets[1].url == "postgres://app@us.example/shop")
        #expect(targets[2].urlEnvironment == "APP_URL")
        #expect(targets[2].historySchema == "strata_acme")
        #expect(targets[3].group == "eu")
    }

    @Test("a bad fleet file is refused with file:line", arguments: [
        ("[[target]]\nname = \"a\"\n", "needs exactly one of url and url_env", 1),
        ("[[target]]\nname = \"a\"\nurl_env = \"A\"\nport = 5\n", "unknown key 'port'", 4),
        ("[[target]]\nname = \"a\"\nurl_env = \"A\"\n[[target]]\nname = \"a\"\nurl_env = \"B\"\n", "declared twice", 4),
        ("[[target]]\nname = \"a\"\nurl_env = \"A\"\nschemas = [\"Robert'); DROP\"]\n", "is not a schema name", 1),
        ("[[target]]\nname = \"a\"\nurl_env = A\n", "cannot read the value 'A'", 3),
        ("", "declares no target", 1),
    ])
    func badFilesAreRefused(text: String, message: String, line: Int) throws {
        do {
            _ = try FleetFile.targets(in: try TOMLDocument.parse(text, path: "fleet.toml"))
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.location?.line == line)
            #expect(error.exitStatus == .usage)
        }
    }

    @Test func canaryAndWavesMakeStages() throws {
        let targets = try Self.targets()
        #expect(try FleetPlan(targets: targets, canary: 1).stages.map { $0.map(\.name) } == [["shop-eu"], ["shop-us", "tenants/acme", "tenants/globex"]])
        #expect(try FleetPlan(targets: targets, waves: ["us", "eu"]).stages.map { $0.map(\.name) } == [["shop-us"], ["shop-eu", "tenants/acme", "tenants/globex"]])
        #expect(try FleetPlan(targets: targets, group: "us").targets.map(\.name) == ["shop-us"])
        #expect((try? FleetPlan(targets: targets, waves: ["eu"])) == nil)
        #expect((try? FleetPlan(targets: targets, group: "asia")) == nil)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var running = 0
        private(set) var peak = 0
        private(set) var started: [String] = []
        func enter(_ name: String) { lock.withLock { running += 1; peak = max(peak, running); started.append(name) } }
        func leave() { lock.withLock { running -= 1 } }
    }

    static func work(failing: Set<String>, counter: Counter) -> @Sendable (FleetTarget) async -> FleetOutcome {
        { target in
            counter.enter(target.name)
            try? await Task.sleep(for: .milliseconds(5))
            counter.leave()
            if failing.contains(target.name) {
                return FleetOutcome(target: target.name, state: .failed, error: StrataError(.connection, "no"))
            }
            return FleetOutcome(target: target.name, state: .done, count: 1)
        }
    }

    @Test func aFailedTargetDoesNotStopTheOthersAndParallelIsABound() async throws {
        let targets = (1...20).map { FleetTarget(name: "db\($0)", urlEnvironment: "X", location: FileLocation(path: "f", line: 1)) }
        let counter = Counter()
        let outcomes = await FleetRunner(parallel: 3).run(try FleetPlan(targets: targets), work: Self.work(failing: ["db4"], counter: counter))
        #expect(outcomes.map(\.target) == targets.map(\.name))
        #expect(outcomes.filter { $0.state == .failed }.map(\.target) == ["db4"])
        #expect(outcomes.filter { $0.state == .done }.count == 19)
        #expect(counter.peak <= 3)
    }

    @Test func failFastAndAFailedCanaryStopTheRest() async throws {
        let targets = (1...10).map { FleetTarget(name: "db\($0)", urlEnvironment: "X", location: FileLocation(path: "f", line: 1)) }
        let fast = await FleetRunner(parallel: 1, failFast: true).run(try FleetPlan(targets: targets), work: Self.work(failing: ["db2"], counter: Counter()))
        #expect(fast.map(\.state) == [.done, .failed] + Array(repeating: .notRun, count: 8))
        let canary = await FleetRunner(parallel: 4).run(try FleetPlan(targets: targets, canary: 2), work: Self.work(failing: ["db1"], counter: Counter()))
        #expect(canary.filter { $0.state == .notRun }.count == 8)
    }
}
