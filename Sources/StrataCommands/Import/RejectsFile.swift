import Foundation
import StrataCore

/// The `--rejects PATH` file: one JSON object per bad record (location, sqlstate, reason, record). A chunked
/// import appends each chunk's bad records after the chunk commits, so a resumed job adds to what its earlier
/// runs wrote; a new job starts the file afresh. A write failure is kept and reported at the end.
final class RejectsFile: @unchecked Sendable {
    let path: String
    private let lock = NSLock()
    private var failure: StrataError?

    init(path: String) { self.path = path }

    /// Empties the file for a new import (`fresh`), or leaves it to be added to.
    func begin(fresh: Bool) {
        guard fresh else { return }
        lock.withLock {
            if !FileManager.default.createFile(atPath: path, contents: Data()) {
                failure = failure ?? StrataError(.io, "cannot write the rejects file \(path)")
            }
        }
    }

    /// Adds `rejects` at the end of the file.
    func append(_ rejects: [ImportReject]) {
        guard !rejects.isEmpty else { return }
        let text = rejects.map(Self.line).joined(separator: "\n") + "\n"
        lock.withLock {
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: Data()) }
            guard let handle = FileHandle(forWritingAtPath: path) else {
                failure = failure ?? StrataError(.io, "cannot write the rejects file \(path)")
                return
            }
            do {
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(text.utf8))
                try handle.close()
            } catch {
                failure = failure ?? StrataError(.io, "cannot write the rejects file \(path)", detail: "\(error)")
            }
        }
    }

    /// Throws the first write failure, if any.
    func check() throws(StrataError) {
        if let failure = lock.withLock({ failure }) { throw failure }
    }

    /// `{"location":…,"sqlstate":…,"reason":…,"record":…}`
    static func line(_ reject: ImportReject) -> String {
        "{\"location\":\(JSONStringLiteral.of(reject.location)),\"sqlstate\":"
            + (reject.sqlState.map(JSONStringLiteral.of) ?? "null") + ",\"reason\":\(JSONStringLiteral.of(reject.reason)),\"record\":"
            + (reject.text.map(JSONStringLiteral.of) ?? "null") + "}"
    }
}
