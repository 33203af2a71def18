import Foundation
import StrataCore

/// The bytes of an import file, gunzipped when it is gzip-compressed (`.gz`, or the gzip magic bytes), by the
/// system's `gzip -dc` (every Debian has it; no compression library resolves here without a C dependency).
enum CompressedInput {
    /// The file's name without `.gz`, so the format is guessed from what is inside (`events.jsonl.gz` → jsonl).
    static func innerName(of path: String) -> String {
        path.lowercased().hasSuffix(".gz") ? String(path.dropLast(3)) : path
    }

    /// True for the gzip magic bytes `1f 8b`.
    static func isGzip(_ data: Data) -> Bool { data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B }

    /// Reads `path`, decompressing it when it is gzip.
    static func read(_ path: String) throws(StrataError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw StrataError(.usage, "cannot read \(path)") }
        guard isGzip(data) else { return data }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", "--", path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw StrataError(.usage, "cannot decompress \(path): gzip did not start", detail: "\(error)",
                              hint: "install gzip, or import the file uncompressed")
        }
        let decompressed = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw StrataError(
                .usage, "cannot decompress \(path): \(message.trimmingCharacters(in: .whitespacesAndNewlines))",
                hint: "the file is not a complete gzip file")
        }
        return decompressed
    }
}
