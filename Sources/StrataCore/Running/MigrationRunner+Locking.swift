/// One hold of the lock per run, and the run's set-up on the connection (session defaults, observer, the
/// interruption's server-side cancel) around the work.
extension MigrationRunner {
    /// Runs `body` under the migration lock, released on every path.
    func withLock<T: Sendable>(_ body: () async throws(StrataError) -> T) async throws(StrataError) -> T {
        try await driver.acquireLock()
        do throws(StrataError) {
            let result = try await body()
            await driver.releaseLock()
            return result
        } catch {
            await driver.releaseLock()
            throw error
        }
    }

    /// Runs `body` with the run set up on the connection; an interruption cancels the running statement.
    func withRun<T: Sendable>(_ body: () async throws(StrataError) -> T) async throws(StrataError) -> T {
        try await driver.startRun()
        let driver = driver
        let token = options.interruption?.addHandler {
            Task { await driver.cancelRunningStatement() }
        }
        do throws(StrataError) {
            let result = try await body()
            if let token { options.interruption?.removeHandler(token) }
            await driver.finishRun()
            return result
        } catch {
            if let token { options.interruption?.removeHandler(token) }
            await driver.finishRun()
            throw error
        }
    }
}
