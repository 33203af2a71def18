import Logging
import ServiceLifecycle
import StrataCore

/// A swift-service-lifecycle `Service` that migrates on boot: add it to the app's `ServiceGroup` (with
/// `successTerminationBehavior: .ignore`) and let the HTTP server wait for ``MigrationReadiness/waitUntilReady()``,
/// or answer `/healthz` from ``MigrationReadiness/isReady``. A failing migration ends the app with the error; a
/// graceful shutdown (SIGTERM) while migrating cancels the running statement and rolls the file back, as the CLI does.
public struct MigrationService: Service {
    /// What it migrates.
    public let strata: Strata
    /// Set once the migrations are applied.
    public let readiness: MigrationReadiness

    /// Creates the service; the configuration's `options.interruption` is replaced by one tied to graceful shutdown.
    public init(strata: Strata, readiness: MigrationReadiness = MigrationReadiness()) {
        self.strata = strata
        self.readiness = readiness
    }

    /// Migrates, then marks the app ready; returns when done (the group goes on with the other services).
    public func run() async throws {
        let interruption = MigrationInterruption()
        var configuration = strata.configuration
        configuration.options.interruption = interruption
        let bound = Strata(configuration: configuration)
        let summary = try await withGracefulShutdownHandler {
            try await bound.migrate()
        } onGracefulShutdown: {
            interruption.trigger(reason: "graceful shutdown")
        }
        configuration.logger.notice(
            "migrations applied: \(summary.done.count) new, \(summary.skipped.count) skipped; ready")
        await readiness.markReady()
    }
}

/// Whether the migrations of this process have been applied; for a readiness probe.
public actor MigrationReadiness {
    private var ready = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Creates an unready state.
    public init() {}

    /// True once the migrations are applied.
    public var isReady: Bool { ready }

    /// Returns once the migrations are applied.
    public func waitUntilReady() async {
        if ready { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Marks the migrations applied and wakes every waiter.
    func markReady() {
        ready = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}
