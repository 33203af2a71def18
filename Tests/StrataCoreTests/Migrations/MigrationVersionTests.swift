import Testing
@testable import StrataCore

@Suite struct MigrationVersionTests {
    @Test func comparesNumericallyNotAsText() throws {
        let two = try #require(MigrationVersion("2"))
        let ten = try #require(MigrationVersion("10"))
        #expect(two < ten)
        #expect(try #require(MigrationVersion("1.2")) < #require(MigrationVersion("1.10")))
        #expect(try #require(MigrationVersion("20251102120000")) > #require(MigrationVersion("9")))
    }

    @Test func leadingZerosAndTrailingZeroPartsAreEqual() throws {
        #expect(MigrationVersion("001") == MigrationVersion("1"))
        #expect(MigrationVersion("1.0") == MigrationVersion("1"))
        #expect(Set([MigrationVersion("001"), MigrationVersion("1")]).count == 1)
    }

    @Test func rejectsNonVersions() {
        #expect(MigrationVersion("") == nil)
        #expect(MigrationVersion("v1") == nil)
        #expect(MigrationVersion("1..2") == nil)
        #expect(MigrationVersion("1a") == nil)
    }

    @Test func comparesVersionsLongerThan64Bits() throws {
        let small = try #require(MigrationVersion("99999999999999999999"))
        let large = try #require(MigrationVersion("100000000000000000000"))
        #expect(small < large)
    }
}
