/// Decoding a file's bytes as UTF-8, reporting where the first invalid byte is.
public enum UTF8Validation {
    /// Where a byte sequence stops being valid UTF-8.
    public struct InvalidByte: Sendable, Hashable {
        /// 0-based byte offset of the first invalid byte.
        public var offset: Int
        /// 1-based line of that byte.
        public var line: Int
    }

    /// The text, or the position of the first byte that is not valid UTF-8.
    public static func decode(_ bytes: [UInt8]) -> Result<String, InvalidByteError> {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                offset += scalar.count
            case .emptyInput:
                return .success(String(decoding: bytes, as: UTF8.self))
            case .error(let length):
                _ = length
                let line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
                return .failure(InvalidByteError(position: InvalidByte(offset: offset, line: line)))
            }
        }
    }

    /// The error value of `decode`.
    public struct InvalidByteError: Error, Sendable, Hashable {
        /// Where the invalid byte is.
        public var position: InvalidByte
    }
}
