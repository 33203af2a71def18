#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file with the system calls alone: the size from `fstat`, then `read` until that many bytes came
/// (or the end, for a file that shrank; a file of unknown size, 0, is read to its end).
enum RawFileReading {
    /// The file's bytes, or `nil` when it cannot be opened or read (missing, a folder, no permission).
    static func bytes(atPath path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        let size = fstat(descriptor, &status) == 0 ? max(Int(status.st_size), 0) : 0
        var buffer = [UInt8](repeating: 0, count: max(size, 4096))
        var count = 0
        while size == 0 || count < size {
            if count == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let got = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return read(descriptor, base + count, raw.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if got == 0 { break }
            count += got
        }
        buffer.removeSubrange(count...)
        return buffer
    }

    /// The names in the folder at `path` (without `.` and `..`), each with whether it is a folder; `nil` when the
    /// folder cannot be read. The kind comes from the directory entry itself, or from `stat` where the file system
    /// does not say (and for a symbolic link, which is followed).
    static func entries(ofFolder path: String) -> [(name: String, isDirectory: Bool)]? {
        guard let folder = opendir(path) else { return nil }
        defer { closedir(folder) }
        var result: [(name: String, isDirectory: Bool)] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let kind = entry.pointee.d_type
            var isDirectory = kind == UInt8(DT_DIR)
            if kind == UInt8(DT_UNKNOWN) || kind == UInt8(DT_LNK) {
                var status = stat()
                isDirectory = stat(path + "/" + name, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
            }
            result.append((name, isDirectory))
        }
        return result
    }
}
