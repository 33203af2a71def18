import Foundation
import StrataCore
import Testing

@Suite struct BackupManifestTests {
    func manifest(file: String = "app-20261204T183500Z.dump", at seconds: TimeInterval = 1_796_409_300) -> BackupManifest {
        BackupManifest(
            file: file, database: "app", serverVersion: "15.18", dumpTool: "pg_dump (PostgreSQL) 15.18", sizeBytes: 42,
            sha256: String(repeating: "ab", count: 32), newestMigration: .init(version: "3", name: "add_x"),
            appliedCount: 3, toolVersion: "0.1.0", createdAt: Date(timeIntervalSince1970: seconds))
    }

    @Test func encodesWithSortedKeysAndDecodesBack() throws {
        let original = manifest()
        let data = try original.encoded()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasSuffix("}\n"))
        let keys = ["appliedCount", "createdAt", "database", "dumpTool", "file", "format", "newestMigration"]
        let positions = keys.compactMap { text.range(of: "\"\($0)\"")?.lowerBound }
        #expect(positions == positions.sorted())
        #expect(try BackupManifest.decode(data, path: "m.json") == original)
        #expect(original.createdAt == "2026-12-04T18:35:00Z")
    }

    @Test func verifyAcceptsTheRecordedFileAndRefusesAnyOther() throws {
        let value = manifest()
        try value.verify(sizeBytes: 42, sha256: String(repeating: "AB", count: 32))
        #expect(throws: StrataError.self) { try value.verify(sizeBytes: 43, sha256: value.sha256) }
        do {
            try value.verify(sizeBytes: 42, sha256: String(repeating: "cd", count: 32))
            Issue.record("a changed file passed")
        } catch {
            #expect(error.code == .invalidBackup)
            #expect(error.exitStatus == .validation)
        }
    }

    @Test func restoredHistoryMustMatch() throws {
        let value = manifest()
        try value.verifyRestoredHistory(newest: .init(version: "3", name: "add_x"), appliedCount: 3)
        #expect(throws: StrataError.self) { try value.verifyRestoredHistory(newest: nil, appliedCount: 0) }
        #expect(throws: StrataError.self) {
            try value.verifyRestoredHistory(newest: .init(version: "3", name: "add_x"), appliedCount: 2)
        }
    }

    @Test func garbageIsNotAManifest() {
        #expect(throws: StrataError.self) { try BackupManifest.decode(Data("{}".utf8), path: "x.manifest.json") }
    }

    @Test func namesAreUTCStampedAndSafe() {
        let date = Date(timeIntervalSince1970: 1_796_409_300)
        #expect(BackupNaming.fileName(database: "app", at: date) == "app-20261204T183500Z.dump")
        #expect(BackupNaming.fileName(database: "my db/../x", at: date) == "my_db_.._x-20261204T183500Z.dump")
        #expect(BackupNaming.manifestPath(forDump: "b/app-1.dump") == "b/app-1.manifest.json")
        #expect(BackupNaming.manifestPath(forDump: "b/app.bin") == "b/app.bin.manifest.json")
        #expect(BackupNaming.dumpPath(forManifest: "b/app-1.manifest.json") == "b/app-1.dump")
    }

    @Test func keepRemovesAllButTheNewest() {
        let old = manifest(file: "a.dump", at: 1_000)
        let middle = manifest(file: "b.dump", at: 2_000)
        let new = manifest(file: "c.dump", at: 3_000)
        #expect(BackupRetention.toRemove([new, old, middle], keep: 2) == [old])
        #expect(BackupRetention.toRemove([new, old, middle], keep: 1) == [middle, old])
        #expect(BackupRetention.toRemove([new, old, middle], keep: 5).isEmpty)
        #expect(BackupRetention.ordered([new, old, middle]) == [old, middle, new])
    }
}
