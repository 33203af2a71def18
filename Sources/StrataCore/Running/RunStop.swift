import Foundation

/// How a run tells the user it stopped: interrupted (what was applied, rolled back, not run), gave up on a lock
/// timeout (who blocked it), or failed in a file (the file named when the server gave no position).
enum RunStop {
    /// The one-line summary of an interrupted run.
    static func interrupted(
        reason: String?, done: [MigrationVersion], current: Migration?, notRun: [MigrationVersion], cause: StrataError?
    ) -> StrataError {
        var parts = ["applied \(list(done))"]
        if let current {
            if current.transactionMode == .nonTransactional {
                parts.append("\(current.version) \(current.name) stopped part-way (no-transaction file; a rerun resumes it)")
            } else {
                parts.append("\(current.version) \(current.name) was rolled back")
            }
        }
        if !notRun.isEmpty { parts.append("not run: \(list(notRun))") }
        return StrataError(
            .interrupted, "interrupted (\(reason ?? "interrupted")): " + parts.joined(separator: "; "),
            detail: cause.map { "the running statement ended with: \($0.message)" },
            hint: "run strata migrate again to continue; the lock was released")
    }

    /// The final lock-timeout error: how many attempts, and who blocked the migration.
    static func lockTimeoutFailure(_ error: StrataError, attempts: Int, blockers: String?) -> StrataError {
        var failure = error
        failure.message = "\(error.message) (gave up after \(attempts) attempt\(attempts == 1 ? "" : "s"))"
        if let blockers { failure.detail = "blocked by \(blockers)" }
        failure.hint = "another session holds a lock on a table this migration changes; let it finish or end it "
            + "(SELECT pg_terminate_backend(pid)) and rerun; --lock-timeout and --lock-retries tune the patience"
        return failure
    }

    /// Names the file in an error that has no file position (COMMIT, SET, history writes) and treats server
    /// errors there as the migration's failure, not as Strata's bug.
    static func contextualized(_ error: StrataError, path: String, subject: String) -> StrataError {
        guard error.location == nil else { return error }
        var labelled = error
        labelled.location = FileLocation(path: path, line: 1)
        labelled.message = "\(subject): " + error.message
        if labelled.code == .internal && labelled.sqlState != nil { labelled.code = .migrationFailed }
        return labelled
    }

    /// Sleeps `delay`, waking every 100 ms to stop early when `interruption` is triggered.
    static func sleep(_ delay: Duration, unless interruption: MigrationInterruption?) async throws(StrataError) {
        let clock = ContinuousClock()
        let end = clock.now + delay
        while clock.now < end {
            if interruption?.isTriggered == true { throw StrataError(.interrupted, "interrupted during a retry delay") }
            do {
                try await Task.sleep(for: min(.milliseconds(100), end - clock.now))
            } catch {
                throw StrataError(.interrupted, "interrupted during a retry delay")
            }
        }
    }

    /// `1.3 s`
    static func seconds(_ duration: Duration) -> String {
        String(format: "%.1f s", Double(duration.wholeMilliseconds) / 1000)
    }

    /// `1, 2, 3`, or `none`.
    static func list(_ versions: [MigrationVersion]) -> String {
        versions.isEmpty ? "none" : versions.map(\.rawValue).joined(separator: ", ")
    }
}
