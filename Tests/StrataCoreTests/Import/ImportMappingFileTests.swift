import Foundation
import Testing
@testable import StrataCore

/// Mapping files (`db/imports/NAME.toml`): every setting the flags have, errors by file:line, flags over the file.
@Suite struct ImportMappingFileTests {
    @Test func everyKeyIsReadAndTheDefinitionReadsBackTheSame() throws {
        let text = """
            # the concerts export
            file = "exports/kv_export.json"
            format = "json"
            key = "concerts"
            into = "public.concerts"
            mode = "upsert"
            extra_column = "extra"
            max_errors = 10
            rejects = "rejects.jsonl"
            chunk_rows = 20_000

            [columns]
            userId = "owner_id"
            artist-id = "artist_id"
            """
        let settings = try ImportMappingFile.parse(text, path: "db/imports/concerts.toml")
        #expect(settings == ImportSettings(
            file: "exports/kv_export.json", format: .json, member: "concerts", into: "public.concerts", mode: .upsert,
            renames: ["userId": "owner_id", "artist-id": "artist_id"], extraColumn: "extra", maxErrors: 10,
            rejects: "rejects.jsonl", chunkRows: 20_000))
        let again = try ImportMappingFile.parse(settings.definition + "# input: 1 bytes, sha256 00\n", path: "strata.jobs 1")
        #expect(again.definition == settings.definition)
    }

    @Test func errorsNameTheFileAndLine() {
        let cases: [(String, Int, String)] = [
            ("into = \"t\"\nfile = \"a.json\"\nmode = \"merge\"\n", 3, "mode must be insert, upsert or replace"),
            ("into = \"t\"\n\ntable = \"x\"\n", 3, "unknown key 'table'"),
            ("into = \"t\"\nmax_errors = -1\n", 2, "max_errors must be a whole number"),
            ("into = \"t\"\nchunk_rows = \"many\"\n", 2, "chunk_rows must be a whole number"),
            ("into = \"t\"\nsingle_transaction = \"yes\"\n", 2, "single_transaction must be true or false"),
            ("into = \"t\"\n[columns]\nuserId = 3\n", 3, "the column for key 'userId'"),
            ("into = \"t\"\nfile = \"a.json\"\nfrom_kv = \"kv\"\n", 3, "not both"),
            ("into = \"t\"\nfile = \"a.json\nmode = \"insert\"\n", 2, "unterminated string"),
        ]
        for (text, line, message) in cases {
            do {
                _ = try ImportMappingFile.parse(text, path: "db/imports/x.toml")
                Issue.record("expected an error for: \(text)")
            } catch {
                #expect(error.location == FileLocation(path: "db/imports/x.toml", line: line), "\(text)")
                #expect(error.message.contains(message), "\(error.message)")
                #expect(error.exitStatus == .usage)
            }
        }
    }

    @Test func flagsOverrideTheFile() {
        let file = ImportSettings(
            file: "a.json", into: "t", mode: .upsert, renames: ["a": "x", "b": "y"], maxErrors: 3, chunkRows: 100)
        let flags = ImportSettings(into: "u", renames: ["a": "z"], singleTransaction: true)
        let merged = file.overridden(by: flags)
        #expect(merged.file == "a.json")
        #expect(merged.into == "u")
        #expect(merged.mode == .upsert)
        #expect(merged.renames == ["a": "z", "b": "y"])
        #expect(merged.maxErrors == 3)
        #expect(merged.singleTransaction == true)
        #expect(merged.chunkRows == nil)
        let kv = file.overridden(by: ImportSettings(fromKeyValue: "kv_store", prefix: "c:"))
        #expect(kv.file == nil)
        #expect(kv.fromKeyValue == "kv_store")
    }

    @Test func theREADMEsExampleMappingFileReads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let label = try #require(readme.range(of: "```toml\n# db/imports/concerts.toml\n"))
        let start = try #require(readme.range(of: "# db/imports", range: label.lowerBound..<label.upperBound))
        let end = try #require(readme.range(of: "```", range: label.upperBound..<readme.endIndex))
        let settings = try ImportMappingFile.parse(String(readme[start.lowerBound..<end.lowerBound]), path: "db/imports/concerts.toml")
        #expect(settings.file == "exports/kv_export.json")
        #expect(settings.mode == .upsert)
        #expect(settings.chunkRows == 50_000)
        #expect(settings.singleTransaction == false)
        #expect(settings.renames == ["artistId": "performer_id"])
        let broken = String(readme[start.lowerBound..<end.lowerBound]).replacingOccurrences(of: "mode = \"upsert\"", with: "mode = \"merge\"")
        #expect(throws: StrataError.self) { try ImportMappingFile.parse(broken, path: "db/imports/concerts.toml") }
        do {
            _ = try ImportMappingFile.parse(broken, path: "db/imports/concerts.toml")
        } catch {
            // The line the README quotes in its error example.
            #expect(error.description.hasPrefix("db/imports/concerts.toml:6: mode must be insert, upsert or replace, not 'merge'"))
        }
    }
}
