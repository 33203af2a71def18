import Foundation
import StrataCore
import Testing

@testable import StrataPostgres

/// The search order for the server programs, checked with fake program folders so the machine's own installation
/// does not interfere.
@Suite struct PostgresBinariesTests {
    /// A temporary folder with executable stand-ins for `programs`, removed afterwards.
    private func withFakeFolder(_ programs: [String: String], _ body: (String) async throws -> Void) async throws {
        let folder = "/tmp/strata-bin-" + String(UUID().uuidString.prefix(8))
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, script) in programs {
            let path = folder + "/" + name
            try ("#!/bin/sh\n" + script + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        try await body(folder)
    }

    private let serverPrograms = ["initdb": "exit 0", "pg_ctl": "exit 0", "postgres": "exit 0"]

    @Test func strataPGBinComesFirst() async throws {
        try await withFakeFolder(serverPrograms) { folder in
            let found = try await PostgresBinaries.locate(environment: ["STRATA_PG_BIN": folder, "PATH": "/nonexistent"])
            #expect(found == PostgresBinaries(directory: folder, source: .strataPGBin))
            #expect(found.path(of: "pg_ctl") == folder + "/pg_ctl")
        }
    }

    @Test func incompleteStrataPGBinIsAnError() async throws {
        try await withFakeFolder(["initdb": "exit 0"]) { folder in
            let error = try await #require(throws: StrataError.self) {
                try await PostgresBinaries.locate(environment: ["STRATA_PG_BIN": folder])
            }
            #expect(error.code == .embeddedServer)
            #expect(error.message.contains("STRATA_PG_BIN"))
        }
    }

    @Test func pgConfigBeatsPath() async throws {
        try await withFakeFolder(serverPrograms) { serverFolder in
            try await withFakeFolder(["pg_config": "echo \(serverFolder)"] .merging(serverPrograms) { $1 }) { pathFolder in
                let found = try await PostgresBinaries.locate(environment: ["PATH": pathFolder])
                #expect(found == PostgresBinaries(directory: serverFolder, source: .pgConfig))
            }
        }
    }

    @Test func initdbOnPath() async throws {
        try await withFakeFolder(serverPrograms) { folder in
            let found = try await PostgresBinaries.locate(environment: ["PATH": folder])
            #expect(found == PostgresBinaries(directory: folder, source: .path))
        }
    }

    @Test func newestSystemPackageVersionWins() async throws {
        try await withFakeFolder([:]) { root in
            for version in ["9.6", "15", "10"] {
                let bin = root + "/" + version + "/bin"
                try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
                for program in ["initdb", "pg_ctl", "postgres"] {
                    _ = FileManager.default.createFile(
                        atPath: bin + "/" + program, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
                }
            }
            let found = try await PostgresBinaries.locate(
                environment: ["PATH": "/nonexistent"], logger: .init(label: "test"), systemPackagesRoot: root)
            #expect(found == PostgresBinaries(directory: root + "/15/bin", source: .systemPackages))
        }
    }

    @Test func nothingFoundSaysWhatToInstall() async throws {
        let error = try await #require(throws: StrataError.self) {
            try await PostgresBinaries.locate(
                environment: ["PATH": "/nonexistent"], logger: .init(label: "test"), systemPackagesRoot: "/nonexistent")
        }
        #expect(error.code == .embeddedServer)
        #expect(error.hint?.contains("apt-get install postgresql") == true)
        #expect(error.hint?.contains("pip install pgserver") == true)
    }

    @Test func searchOrderIsDocumented() {
        #expect(PostgresBinaries.Source.allCases.map(\.rawValue) == [
            "STRATA_PG_BIN", "pg_config --bindir", "PATH", "/usr/lib/postgresql/*/bin", "pip package pgserver",
        ])
    }
}

/// Where the embedded server's socket goes.
@Suite struct SocketDirectoryTests {
    @Test func shortPathsKeepTheSocketInTheClusterFolder() {
        #expect(SocketDirectory.choose(for: "/work/app/.strata/postgres", port: 5432) == "/work/app/.strata/postgres")
    }

    @Test func longOrOddPathsUseAShortTmpFolder() {
        let long = "/home/someone/" + String(repeating: "deep/", count: 20) + ".strata/postgres"
        let chosen = SocketDirectory.choose(for: long, port: 5432)
        #expect(chosen.hasPrefix("/tmp/strata-"))
        #expect((chosen + "/.s.PGSQL.5432").utf8.count <= ConnectionSettings.maximumSocketPathLength)
        #expect(SocketDirectory.choose(for: long, port: 5432) == chosen)
        #expect(SocketDirectory.choose(for: long + "x", port: 5432) != chosen)
        #expect(SocketDirectory.choose(for: "/work/my app/.strata/postgres", port: 5432).hasPrefix("/tmp/strata-"))
    }
}
