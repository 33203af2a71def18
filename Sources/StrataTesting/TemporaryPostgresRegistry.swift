import Foundation
import StrataCore

/// Hands every test the same ``TemporaryPostgres``: the first caller starts it, concurrent callers wait for that
/// start, and a failed start is reported to every caller (so each test fails with the reason).
actor TemporaryPostgresRegistry {
    /// The process's registry.
    static let shared = TemporaryPostgresRegistry()

    private var launch: Task<TemporaryPostgres, any Error>?
    private var databaseCount = 0

    /// The server, started on the first call.
    func server() async throws(StrataError) -> TemporaryPostgres {
        let task: Task<TemporaryPostgres, any Error>
        if let launch {
            task = launch
        } else {
            task = Task { try await TemporaryPostgres.launch() }
            launch = task
        }
        do {
            return try await task.value
        } catch let error as StrataError {
            throw error
        } catch {
            throw StrataError(.embeddedServer, "could not start a temporary PostgreSQL server", detail: "\(error)")
        }
    }

    /// `<prefix>_<n>_<random>`: unique within the server, a valid identifier, at most 63 bytes.
    func uniqueDatabaseName(prefix: String) -> String {
        databaseCount += 1
        let cleaned = String(
            prefix.lowercased().unicodeScalars.map { scalar -> Character in
                scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) ? Character(scalar) : "_"
            }
            .prefix(40))
        let random = String(UUID().uuidString.prefix(6)).lowercased()
        return (cleaned.isEmpty ? "test" : cleaned) + "_\(databaseCount)_" + random
    }
}
