import Foundation
import Testing

/// `strata validate` after someone edits an applied file: a real change fails naming the version and both
/// checksums; a change of line endings alone (a Windows checkout) is not a change.
@Suite struct ProductionValidateTests {
    /// SHA-256 of a file as `sha256sum` prints it (independent of Strata's own code).
    func sha256(_ path: String) async throws -> String {
        let process = try StrataProcess.launch("/usr/bin/sha256sum", [path], in: "/", environment: ServerTools.environment)
        defer { process.stop() }
        let outcome = await process.finish(within: .seconds(10)).outcome
        return String(outcome.standardOutput.prefix(64))
    }

    func run(_ arguments: [String], in project: ProjectFolder) async throws -> StrataProcess.Outcome {
        let process = try StrataProcess.start(arguments, in: project.path)
        defer { process.stop() }
        return await process.finish(within: .seconds(30)).outcome
    }

    @Test func editedFileFailsWithBothChecksumsAndCRLFOnlyPasses() async throws {
        let database = try await ProductionDatabase.make("validate")
        let project = try ProjectFolder()
        defer { try? FileManager.default.removeItem(atPath: project.path) }
        let original = "CREATE TABLE accounts (id bigint PRIMARY KEY);\nCREATE INDEX accounts_id ON accounts (id);\n"
        try project.write("db/migrations/20250101120000_accounts.sql", original)
        let path = try project.write("db/migrations/20250101120500_notes.sql", "CREATE TABLE notes (id bigint);\n")
        #expect(try await run(["migrate", "--database-url", database.url], in: project).status == 0)
        let recorded = try await database.texts(
            "SELECT checksum FROM strata.schema_history WHERE version = '20250101120500'")
        #expect(recorded == [try await sha256(path)])

        try "CREATE TABLE notes (id bigint);\r\n".write(toFile: path, atomically: true, encoding: .utf8)
        let crlf = try await run(["validate", "--database-url", database.url], in: project)
        #expect(crlf.status == 0, "a CRLF-only change must validate: \(crlf.output)")

        try "CREATE TABLE notes (id bigint, body text);\n".write(toFile: path, atomically: true, encoding: .utf8)
        let edited = try await sha256(path)
        let result = try await run(["validate", "--database-url", database.url], in: project)
        #expect(result.status == 4, "\(result.output)")
        let line = result.standardError.split(separator: "\n").first { $0.contains("20250101120500") }.map(String.init) ?? ""
        #expect(line.contains("20250101120500 notes"), "\(result.standardError)")
        #expect(line.contains(recorded.first ?? "?"), "the recorded checksum is missing: \(line)")
        #expect(line.contains(edited), "the file's checksum is missing: \(line)")
        #expect(!result.standardError.contains("20250101120000"), "the unchanged file was reported: \(result.standardError)")
    }
}
