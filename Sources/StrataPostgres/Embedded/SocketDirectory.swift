import Foundation
import StrataCore

/// Where the embedded server puts its Unix socket.
///
/// Normally the cluster's own folder. A socket path may be at most 107 bytes, and PostgreSQL splits
/// `unix_socket_directories` at commas and spaces, so when `<folder>/.s.PGSQL.<port>` is too long or the folder's
/// path has characters other than letters, digits and `/._-`, a short folder `/tmp/strata-<hash of the folder>`
/// is used instead. The choice is remembered in the cluster folder's state file so every later command finds it.
enum SocketDirectory {
    /// The state file inside the cluster folder.
    static let stateFileName = "socket-directory"

    /// The socket folder for a cluster in `clusterDirectory`.
    static func choose(for clusterDirectory: String, port: Int) -> String {
        let socketPath = clusterDirectory + "/.s.PGSQL.\(port)"
        let safe = clusterDirectory.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "/._-".unicodeScalars.contains(scalar))
        }
        if safe, socketPath.utf8.count <= ConnectionSettings.maximumSocketPathLength { return clusterDirectory }
        return "/tmp/strata-" + shortHash(clusterDirectory)
    }

    /// The remembered socket folder, if the state file exists.
    static func remembered(in clusterDirectory: String) -> String? {
        let path = clusterDirectory + "/" + stateFileName
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let directory = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return directory.hasPrefix("/") ? directory : nil
    }

    /// Writes the state file.
    static func remember(_ socketDirectory: String, in clusterDirectory: String) throws(StrataError) {
        let path = clusterDirectory + "/" + stateFileName
        do {
            try (socketDirectory + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw StrataError(.embeddedServer, "cannot write \(path)", detail: "\(error)")
        }
    }

    /// 12 hex digits of the 64-bit FNV-1a hash of `text`'s UTF-8 bytes.
    static func shortHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: max(0, 16 - hex.count)) + hex).prefix(12))
    }
}
