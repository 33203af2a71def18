import Foundation
import Testing

@testable import StrataCore

/// `strata new`'s versions: real UTC times in the folder's width, always after every existing version.
@Suite struct NewMigrationVersionTests {
    /// 2026-12-04 17:33:59 UTC.
    let now = Date(timeIntervalSince1970: 1_796_405_639)

    func versions(_ texts: [String]) -> [MigrationVersion] { texts.compactMap(MigrationVersion.init) }

    @Test func anEmptyFolderGetsTheCurrentSecond() {
        #expect(NewMigrationVersion.next(existing: [], now: now) == "20261204173359")
    }

    @Test func severalInOneSecondGetDistinctIncreasingRealTimes() {
        var existing: [MigrationVersion] = []
        var made: [String] = []
        for _ in 0..<3 {
            let version = NewMigrationVersion.next(existing: existing, now: now)
            made.append(version)
            existing.append(MigrationVersion(version)!)
        }
        #expect(made == ["20261204173359", "20261204173400", "20261204173401"])
        for version in made { #expect(NewMigrationVersion.date(version) != nil) }
    }

    @Test func theSixtySecondsAnOlderStrataWroteAreFollowedByARealTime() {
        let next = NewMigrationVersion.next(existing: versions(["20261204173360"]), now: now)
        #expect(next == "20261204173401")
    }

    @Test func aFolderOfTwelveDigitVersionsKeepsItsWidth() {
        let existing = versions(["202612041700", "202612041733"])
        #expect(NewMigrationVersion.format(of: existing) == .timestamp12)
        #expect(NewMigrationVersion.next(existing: existing, now: now) == "202612041734")
        #expect(NewMigrationVersion.next(existing: existing, now: now, format: .timestamp14) == "20261204173359")
    }

    @Test func aSequenceKeepsItsPadding() {
        #expect(NewMigrationVersion.next(existing: versions(["0001", "0002"]), now: now) == "0003")
        #expect(NewMigrationVersion.next(existing: versions(["1", "9"]), now: now) == "10")
        #expect(NewMigrationVersion.next(existing: [], now: now, format: .sequence) == "1")
    }

    @Test func mixedWidthsAreNamedWithAnExampleOfEach() throws {
        let warning = try #require(VersionWidthCheck.warning(for: versions(["202612041700", "20261204164255", "3"])))
        #expect(warning.contains("12 digits (202612041700), 14 digits (20261204164255)"))
        #expect(VersionWidthCheck.warning(for: versions(["20261204164255", "20261204170000", "1"])) == nil)
    }
}
