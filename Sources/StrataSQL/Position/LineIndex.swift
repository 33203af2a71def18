/// Maps UTF-8 byte offsets of a text to line and column positions.
///
/// Building the index scans the text once; each lookup is a binary search over line starts plus a walk
/// along one line. Lines end at `\n`, `\r\n` or a lone `\r`; columns count Unicode scalars.
public struct LineIndex: Sendable {
    private let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    private let lineStarts: [Int]

    /// Indexes `text`.
    public init(_ text: String) {
        let bytes = Array(text.utf8)
        var starts = [0]
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x0A {
                starts.append(index + 1)
            } else if byte == 0x0D, !(index + 1 < count && bytes[index + 1] == 0x0A) {
                starts.append(index + 1)
            }
            index += 1
        }
        self.bytes = bytes
        self.lineStarts = starts
    }

    /// Number of lines in the text (a text ending with a newline has an empty last line).
    public var lineCount: Int { lineStarts.count }

    /// The position of the byte at `utf8Offset`; offsets outside the text are clamped to its start or end.
    public func position(ofOffset utf8Offset: Int) -> SourcePosition {
        let offset = min(max(utf8Offset, 0), bytes.count)
        // Last line start that is <= offset.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset {
                low = middle
            } else {
                high = middle - 1
            }
        }
        let lineStart = lineStarts[low]
        return bytes.withUnsafeBufferPointer { buffer in
            var cursor = PositionCursor(
                baseOffset: 0, position: SourcePosition(offset: lineStart, line: low + 1, column: 1))
            cursor.advance(over: buffer, to: offset)
            return cursor.position
        }
    }
}
