/// Mapping PostgreSQL's error positions back into the file.
extension SQLStatement {
    /// The file position of PostgreSQL's error position for this statement.
    ///
    /// The server reports `position` as a 1-based index counted in characters (Unicode scalars in a UTF-8
    /// database) of the query text it received, which is `text`. Values below 1 map to the statement's start;
    /// values past the end map to its end.
    public func position(ofServerPosition oneBasedScalarIndex: Int) -> SourcePosition {
        let bytes = Array(text.utf8)
        var remaining = max(oneBasedScalarIndex, 1)
        var byteIndex = bytes.count
        for (index, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
            remaining -= 1
            if remaining == 0 {
                byteIndex = index
                break
            }
        }
        var cursor = PositionCursor(baseOffset: start.offset, position: start)
        bytes.withUnsafeBufferPointer { cursor.advance(over: $0, to: byteIndex) }
        return cursor.position
    }
}
