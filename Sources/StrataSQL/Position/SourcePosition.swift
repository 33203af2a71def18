/// A place in SQL source text.
///
/// `line` and `column` are 1-based; the column counts Unicode scalars, so a line of Cyrillic text gives the
/// column a reader sees in an editor. `offset` is the UTF-8 byte offset into the whole text (the file, when the
/// text was split with an origin).
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    /// UTF-8 byte offset from the start of the whole text.
    public var offset: Int
    /// 1-based line number. `\n`, `\r\n` and a lone `\r` each end a line.
    public var line: Int
    /// 1-based column, counted in Unicode scalars.
    public var column: Int

    /// Creates a position from its three coordinates.
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The first character of a text: offset 0, line 1, column 1.
    public static let start = SourcePosition(offset: 0, line: 1, column: 1)

    /// `line:column`, the form used after a file path in messages.
    public var description: String { "\(line):\(column)" }
}
