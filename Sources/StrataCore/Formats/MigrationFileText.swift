import Foundation

/// A migration file read from disk: its bytes (for the checksum) and its text (UTF-8, byte-order mark removed).
public struct MigrationFileText: Sendable, Hashable {
    /// The path, as shown in messages.
    public var path: String
    /// The bytes as stored.
    public var bytes: [UInt8]
    /// The text, without a leading byte-order mark.
    public var text: String

    /// Creates a file from its parts.
    public init(path: String, bytes: [UInt8], text: String) {
        self.path = path
        self.bytes = bytes
        self.text = text
    }

    /// Reads the file at `path`; throws `invalidMigration` naming the file when it cannot be read or is not UTF-8.
    public static func read(_ path: String) throws(StrataError) -> MigrationFileText {
        try decode(path: path, bytes: try readBytes(path))
    }

    /// The bytes of the file at `path`, undecoded; throws `invalidMigration` naming the file when it cannot be read.
    /// Read with one `open`/`fstat`/`read` (Foundation's file reading costs several times more per small file, and a
    /// folder has thousands).
    public static func readBytes(_ path: String) throws(StrataError) -> [UInt8] {
        guard let bytes = RawFileReading.bytes(atPath: path) else {
            throw StrataError(
                .invalidMigration, "cannot read the file", location: FileLocation(path: path, line: 1),
                hint: "check the file's permissions")
        }
        return bytes
    }

    /// Decodes `bytes` as UTF-8, naming the line of the first invalid byte.
    public static func decode(path: String, bytes: [UInt8]) throws(StrataError) -> MigrationFileText {
        switch UTF8Validation.decode(bytes) {
        case .success(var text):
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            return MigrationFileText(path: path, bytes: bytes, text: text)
        case .failure(let error):
            throw StrataError(
                .invalidMigration, "the file is not valid UTF-8: invalid byte at offset \(error.position.offset)",
                location: FileLocation(path: path, line: error.position.line), hint: "save the file as UTF-8")
        }
    }

    /// The checksum Strata records: of this file alone, or of this file followed by its paired down file.
    public func checksum(pairedWith other: MigrationFileText? = nil) -> String {
        guard let other else { return Checksum.of(bytes) }
        return Checksum.of(Checksum.normalize(bytes) + Checksum.normalize(other.bytes))
    }

    /// The whole text as one section starting at line 1.
    public var wholeSection: MigrationSection {
        MigrationSection(sql: text, origin: .start)
    }

    /// The whole text as one section starting at line 1 that names this file as its own (a paired down file).
    public var wholeSectionOfItsOwn: MigrationSection {
        MigrationSection(sql: text, origin: .start, path: path)
    }
}
