import Foundation

/// The bytes of files already read while loading one folder, so a file read to detect the folder's format is not
/// read again to parse it. Each entry is taken once; the cache lives for one load.
public final class FileBytesCache: @unchecked Sendable {
    private let lock = NSLock()
    private var bytesByPath: [String: [UInt8]] = [:]

    /// Creates an empty cache.
    public init() {}

    /// Reads the file at `path` (``MigrationFileText/readBytes(_:)``) and keeps its bytes for ``take(_:)``.
    func read(_ path: String) throws(StrataError) -> [UInt8] {
        let bytes = try MigrationFileText.readBytes(path)
        lock.withLock { bytesByPath[path] = bytes }
        return bytes
    }

    /// The bytes kept for `path`, removed from the cache; read from disk when they were not kept.
    func take(_ path: String) throws(StrataError) -> [UInt8] {
        if let kept = lock.withLock({ bytesByPath.removeValue(forKey: path) }) { return kept }
        return try MigrationFileText.readBytes(path)
    }
}
