import StrataCore

extension DatabaseSession {
    /// Runs `body` in one transaction on this session: committed when it returns, rolled back (quietly) when it or
    /// the commit throws, and the error rethrown. The one BEGIN/COMMIT skeleton of the module.
    public func inTransaction<T>(_ body: () async throws(StrataError) -> T) async throws(StrataError) -> T {
        try await run("BEGIN")
        do throws(StrataError) {
            let result = try await body()
            try await run("COMMIT")
            return result
        } catch {
            await rollbackQuietly()
            throw error
        }
    }
}
