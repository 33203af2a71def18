import Testing
@testable import StrataCore

@Suite struct ChecksumTests {
    @Test func isSHA256OfTheText() {
        // sha256("abc")
        #expect(Checksum.of("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func ignoresByteOrderMarkAndCRLF() {
        let unix = Array("-- strata:up\nSELECT 1;\n".utf8)
        let windows = [0xEF, 0xBB, 0xBF] + Array("-- strata:up\r\nSELECT 1;\r\n".utf8)
        #expect(Checksum.of(unix) == Checksum.of(windows))
    }

    @Test func seesARealEdit() {
        #expect(Checksum.of("SELECT 1;\n") != Checksum.of("SELECT 2;\n"))
        // A lone CR (not followed by LF) is content, not a line ending.
        #expect(Checksum.of("a\rb") != Checksum.of("ab"))
    }
}
