import Foundation
import StrataCore
import Testing

@testable import StrataPostgres

/// `~/.pgpass` / `PGPASSFILE`: matching, escapes, and libpq's permission rule.
@Suite struct PasswordFileTests {
    static let text = """
        # comment line
        db.example.com:5432:app:alice:first
        db.example.com:5432:app:alice:second-never-used
        db.example.com:*:*:bob:bob\\:pw\\\\x
        we\\:ird:5432:*:*:weird-host
        localhost:5432:*:carol:socket-pw
        /srv/pg:5432:*:carol:custom-socket-pw
        *:*:*:*:fallback\r
        """

    private func lookup(_ host: String, _ port: Int = 5432, _ database: String = "app", user: String) -> String? {
        PasswordFile.password(in: Self.text, host: host, port: port, database: database, user: user)
    }

    @Test func firstMatchingLineWins() {
        #expect(lookup("db.example.com", user: "alice") == "first")
    }

    @Test func wildcardsAndEscapes() {
        #expect(lookup("db.example.com", 6000, "other", user: "bob") == #"bob:pw\x"#)
        #expect(lookup("we:ird", user: "zed") == "weird-host")
        #expect(lookup("elsewhere", 1, "x", user: "y") == "fallback")
    }

    @Test func defaultSocketDirectoryMatchesLocalhost() {
        #expect(lookup("/var/run/postgresql", user: "carol") == "socket-pw")
        #expect(lookup("/tmp", user: "carol") == "socket-pw")
        #expect(lookup("/srv/pg", user: "carol") == "custom-socket-pw")
    }

    /// A temporary password file with the given permissions, removed afterwards.
    private func withPasswordFile(permissions: Int, _ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("strata-pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("pgpass").path
        try "h.example:5432:app:alice:from-file\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
        try body(path)
    }

    @Test func privateFileIsUsedThroughPGPASSFILE() throws {
        try withPasswordFile(permissions: 0o600) { path in
            let settings = try ConnectionSettings.parse(
                "postgres://alice@h.example/app", environment: ["PGPASSFILE": path, "HOME": "/nonexistent-home"])
            #expect(settings.password == "from-file")
            #expect(!settings.description.contains("from-file"))
        }
    }

    @Test func passfileKeywordAndHomeDefault() throws {
        try withPasswordFile(permissions: 0o400) { path in
            let byKey = try ConnectionSettings.parse("host=h.example dbname=app user=alice passfile=\(path)", environment: [:])
            #expect(byKey.password == "from-file")
        }
    }

    @Test(arguments: [0o640, 0o604, 0o644, 0o660])
    func groupOrWorldReadableFileIsIgnored(permissions: Int) throws {
        try withPasswordFile(permissions: permissions) { path in
            let settings = try ConnectionSettings.parse(
                "postgres://alice@h.example/app", environment: ["PGPASSFILE": path, "HOME": "/nonexistent-home"])
            #expect(settings.password == nil)
        }
    }

    @Test func explicitPasswordBeatsFile() throws {
        try withPasswordFile(permissions: 0o600) { path in
            let settings = try ConnectionSettings.parse(
                "postgres://alice:given@h.example/app", environment: ["PGPASSFILE": path])
            #expect(settings.password == "given")
            let fromEnvironment = try ConnectionSettings.parse(
                "postgres://alice@h.example/app", environment: ["PGPASSFILE": path, "PGPASSWORD": "env"])
            #expect(fromEnvironment.password == "env")
        }
    }

    @Test func missingFileIsNoPassword() throws {
        let settings = try ConnectionSettings.parse(
            "postgres://alice@h.example/app", environment: ["PGPASSFILE": "/nonexistent/pgpass"])
        #expect(settings.password == nil)
    }
}
