/// A place in a file: path, 1-based line and 1-based column.
public struct FileLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file's path as the user gave it (relative where possible).
    public var path: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in Unicode scalars; `nil` when only the line is known.
    public var column: Int?

    /// Creates a location.
    public init(path: String, line: Int, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:column` or `path:line`.
    public var description: String {
        if let column { return "\(path):\(line):\(column)" }
        return "\(path):\(line)"
    }
}
