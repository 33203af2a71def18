import Testing
@testable import StrataSQL

@Suite("Decoding SQL files")
struct SQLTextTests {
    @Test("valid UTF-8 decodes unchanged, byte order mark included")
    func valid() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("SELECT 'ж';".utf8)
        #expect(try SQLText.decode(bytes) == "\u{FEFF}SELECT 'ж';")
    }

    @Test("invalid UTF-8 is reported with byte offset, line and column")
    func invalid() throws {
        let bytes = Array("SELECT 1;\nSELECT 'ж".utf8) + [0xFF] + Array("';".utf8)
        let error = try #require(decodeError(bytes))
        #expect(error.kind == .invalidUTF8)
        #expect(error.position == SourcePosition(offset: 20, line: 2, column: 10))
        #expect(error.message.hasPrefix("invalid UTF-8 at byte offset 20 (byte 0xFF)"))
    }

    @Test("truncated sequences, overlong forms and surrogates are invalid", arguments: [
        [0x41, 0xD0] as [UInt8], [0x41, 0xC0, 0x80], [0x41, 0xED, 0xA0, 0x80], [0x41, 0xE2, 0x28, 0xA1],
        [0x41, 0xF4, 0x90, 0x80, 0x80],
    ])
    func invalidForms(bytes: [UInt8]) throws {
        let error = try #require(decodeError(bytes))
        #expect(error.position.offset == 1)
    }
}
