/// One record read from an import source: its place (file:line, or the key of a key-value row) and its fields in
/// source order, each already turned into the text PostgreSQL reads (`nil` for NULL).
public struct ImportRecord: Sendable, Hashable {
    /// Where the record starts: `path:line` or `table key`.
    public var location: String
    /// Field name → text value (`nil` is NULL), in source order.
    public var fields: [(key: String, value: String?)]
    /// The byte offset in the (decompressed) input where the record starts, when it comes from a file; a chunked
    /// import records it as the bytes consumed.
    public var offset: Int?

    /// Creates a record.
    public init(location: String, fields: [(key: String, value: String?)], offset: Int? = nil) {
        self.location = location
        self.fields = fields
        self.offset = offset
    }

    public static func == (lhs: ImportRecord, rhs: ImportRecord) -> Bool {
        lhs.location == rhs.location && lhs.fields.map(\.key) == rhs.fields.map(\.key)
            && lhs.fields.map(\.value) == rhs.fields.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(location)
        for field in fields {
            hasher.combine(field.key)
            hasher.combine(field.value)
        }
    }
}

/// A record that could not be loaded, with why.
public struct ImportReject: Error, Sendable, Hashable {
    /// Where it is.
    public var location: String
    /// Why it was refused.
    public var reason: String
    /// The server's SQLSTATE when PostgreSQL refused it.
    public var sqlState: String?
    /// The record's text as read, when there is one (for the reject file).
    public var text: String?

    /// Creates a reject.
    public init(location: String, reason: String, sqlState: String? = nil, text: String? = nil) {
        self.location = location
        self.reason = reason
        self.sqlState = sqlState
        self.text = text
    }
}
