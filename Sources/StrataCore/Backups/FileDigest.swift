import Crypto
import Foundation

/// The SHA-256 and size of a file, read in 1 MiB chunks so a large dump is never held in memory.
public enum FileDigest {
    /// `(size in bytes, lowercase hex SHA-256)` of the file at `path`.
    public static func sha256(ofFileAt path: String) throws(StrataError) -> (size: Int, sha256: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StrataError(.io, "cannot read \(path)")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size = 0
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                throw StrataError(.io, "cannot read \(path)", detail: "\(error)")
            }
            guard let chunk, !chunk.isEmpty else { break }
            size += chunk.count
            hasher.update(data: chunk)
        }
        return (size, hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }
}
