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
}
