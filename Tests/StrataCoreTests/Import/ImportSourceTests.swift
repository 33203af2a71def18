import Testing
@testable import StrataCore

/// Reading import files with their line numbers, and mapping keys to columns.
@Suite struct ImportSourceTests {
    @Test func jsonObjectOfArraysKeepsLinesAndNumbersAsWritten() throws {
        let text = """
            {
              "exportedAt": "2026-01-26",
              "concerts": [
                {"id": "c1", "artistId": "a1", "capacity": 12345678901234567890, "tags": ["x", "y"]},
                {"id": "c2", "artistId": null,
                 "capacity": 1.50}
              ]
            }
            """
        let (records, rejects) = try ImportSource.read(Array(text.utf8), path: "kv.json", format: .json, key: "concerts")
        #expect(rejects.isEmpty)
        #expect(records.map(\.location) == ["kv.json:4", "kv.json:5"])
        #expect(records[0].fields.map(\.value) == ["c1", "a1", "12345678901234567890", "[\"x\",\"y\"]"])
        #expect(records[1].fields.map(\.value) == ["c2", nil, "1.50"])
        #expect(throws: StrataError.self) { _ = try ImportSource.read(Array("[{\"a\": 1},\n{\"a\": }]".utf8), path: "x.json", format: .json, key: nil) }
    }

    @Test func jsonLinesRejectsAMalformedLineByNumber() throws {
        let text = "{\"a\": 1}\n\n{\"a\": \n{\"a\": \"é\\n\"}\n"
        let (records, rejects) = try ImportSource.read(Array(text.utf8), path: "x.jsonl", format: .jsonl, key: nil)
        #expect(records.map(\.location) == ["x.jsonl:1", "x.jsonl:4"])
        #expect(records[1].fields.first?.value == "é\n")
        #expect(rejects.map(\.location) == ["x.jsonl:3"])
    }

    @Test func csvQuotesLineBreaksAndNulls() throws {
        let text = "id,name,note\r\n1,\"Smith, \"\"Jr\"\"\",\"two\nlines\"\n2,,\"\"\n3,Zoë 東京,plain\n"
        let (records, _) = try ImportSource.read(Array(text.utf8), path: "x.csv", format: .csv, key: nil)
        #expect(records.map(\.location) == ["x.csv:2", "x.csv:4", "x.csv:5"])
        #expect(records[0].fields.map(\.value) == ["1", "Smith, \"Jr\"", "two\nlines"])
        #expect(records[1].fields.map(\.value) == ["2", nil, ""])
        #expect(records[2].fields.map(\.value) == ["3", "Zoë 東京", "plain"])
    }

    @Test func keysMapToColumnsBySnakeCaseAndRenames() throws {
        #expect(ImportMapping.snakeCase("userId") == "user_id")
        #expect(ImportMapping.snakeCase("HTTPCode") == "http_code")
        #expect(ImportMapping.snakeCase("already_snake") == "already_snake")
        let mapping = try ImportMapping(columns: ["id", "user_id", "title", "extra"], renames: ["name": "title"], extraColumn: "extra")
        let row = try mapping.row(ImportRecord(location: "x:1", fields: [("id", "1"), ("userId", "u"), ("name", "n"), ("color", "red")]))
        #expect(row["user_id"] == "u")
        #expect(row["title"] == "n")
        #expect(row["extra"] == "{\"color\":\"red\"}")
        let strict = try ImportMapping(columns: ["id"], renames: [:], extraColumn: nil)
        #expect(throws: ImportRejection.self) { _ = try strict.row(ImportRecord(location: "x:1", fields: [("colour", "red")])) }
    }
}
