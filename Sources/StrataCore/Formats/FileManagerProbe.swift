import Foundation

/// Small file-system questions the format readers ask.
enum FileManagerProbe {
    /// True when `path` is an existing regular file (not a folder).
    static func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
