import Foundation
import StrataCore

/// The calibrated throughput of each server, cached in `.strata/calibration/<server>.json` (git-ignored local
/// state) so `strata plan --calibrate` runs once per server.
struct ThroughputCache {
    /// The folder holding the files.
    let directory: String

    /// The cache under `.strata/calibration/` of the current directory.
    init(directory: String = ".strata/calibration") {
        self.directory = directory
    }

    /// The file for a server: its password-free description with everything but letters, digits, `.` and `-`
    /// turned into `_`.
    func path(for server: String) -> String {
        let safe = String(server.unicodeScalars.map { scalar -> Character in
            CharacterSet.alphanumerics.contains(scalar) || scalar == "." || scalar == "-" ? Character(scalar) : "_"
        }.prefix(120))
        return directory + "/" + safe + ".json"
    }

    /// The cached throughput of `server`, or nil when it was never calibrated (or the file is unreadable).
    func load(server: String) -> Throughput? {
        guard let data = FileManager.default.contents(atPath: path(for: server)) else { return nil }
        return try? JSONDecoder().decode(Throughput.self, from: data)
    }

    /// Saves the throughput of `server`.
    func save(_ throughput: Throughput, server: String) throws(StrataError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(throughput).write(to: URL(fileURLWithPath: path(for: server)))
        } catch {
            throw StrataError(.io, "cannot write \(path(for: server))", detail: "\(error)")
        }
    }
}
