import Foundation

/// Temporary folders for tests, all inside one folder per test process that is removed when the process exits,
/// so a test that forgets (or cannot, because it failed half-way) to clean up leaves nothing behind.
public enum ScratchSpace {
    /// `$TMPDIR/strata-tests-<pid>`, created on first use (mode 0755: an embedded server running as the
    /// `postgres` user must reach the folders inside) and removed at exit.
    public static let root: String = {
        let path = NSTemporaryDirectory() + "strata-tests-\(getpid())"
        try? FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        atexit { try? FileManager.default.removeItem(atPath: ScratchSpace.root) }
        return path
    }()

    /// A new empty folder `<root>/<prefix>-<random>`.
    public static func folder(prefix: String) throws -> String {
        let path = root + "/\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        return path
    }

    /// A path for a new file `<root>/<prefix>-<random><suffix>` (not created).
    public static func file(prefix: String, suffix: String) -> String {
        root + "/\(prefix)-\(UUID().uuidString.prefix(8).lowercased())\(suffix)"
    }
}
