import Foundation
import StrataTesting
import Testing

/// `migrate` with nothing to do answers from hashes, without parsing the files: what a user checks is that it
/// still says "up to date" only when it is, and still refuses an applied file that was edited, even one edited
/// to the same size with its modification time put back.
@Suite struct UpToDateCheckTests {
    @Test func anEditThatKeepsSizeAndModificationTimeIsStillRefused() async throws {
        let server = try await TemporaryPostgres.shared()
        let url = server.url(for: try await server.makeDatabase(prefix: "uptodate"))
        let project = try ProjectFolder()
        try project.write("db/migrations/1_a.sql", "CREATE TABLE a (id int);\n")
        let path = try project.write("db/migrations/2_b.sql", "CREATE TABLE b (id int);\n")
        let first = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
        #expect(first.status == 0, "\(first.output)")
        let noop = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
        #expect(noop.status == 0)
        #expect(noop.standardOutput == "Nothing to migrate: the database is up to date.\n")
        let verbose = try StrataBinary.run(["migrate", "--verbose", "--database-url", url], in: project.path)
        #expect(verbose.output.contains("all 2 files applied unchanged (checked by checksum, not parsed"), "\(verbose.output)")

        // An edit of the same size with the modification time put back: every file is hashed on every run, refused.
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let modified = try #require(attributes[.modificationDate] as? Date)
        try "CREATE TABLE c (id int);\n".write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 25)
        let edited = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
        #expect(edited.status != 0)
        #expect(edited.standardError.contains("2 b was changed after it was applied"), "\(edited.output)")

        // A pending file, and a database that cannot be reached, take the full path: applied, and the usual error.
        try "CREATE TABLE b (id int);\n".write(toFile: path, atomically: false, encoding: .utf8)
        try project.write("db/migrations/3_c.sql", "CREATE TABLE c (id int);\n")
        let pending = try StrataBinary.run(["migrate", "--database-url", url], in: project.path)
        #expect(pending.status == 0, "\(pending.output)")
        #expect(pending.standardOutput.contains("Applied 1 migration"))
        let unreachable = try StrataBinary.run(
            ["migrate", "--database-url", "postgresql://nobody@127.0.0.1:1/none"], in: project.path)
        #expect(unreachable.status != 0)
        #expect(unreachable.standardError.contains("127.0.0.1:1"), "\(unreachable.output)")
    }
}
