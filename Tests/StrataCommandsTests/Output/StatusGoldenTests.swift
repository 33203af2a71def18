import Foundation
import StrataCore
import StrataSQL
import Testing

@testable import StrataCommands

/// `strata status` as people and scripts see it, as golden files (`Golden/status/`).
@Suite struct StatusGoldenTests {
    static func status(_ version: String, _ name: String, _ state: MigrationStatus.State) -> MigrationStatus {
        let migration = Migration(
            version: MigrationVersion(version)!, name: name, path: "db/migrations/\(version)_\(name).sql",
            up: MigrationSection(sql: "CREATE TABLE t (id int);\nSELECT 1;", origin: SourcePosition(offset: 0, line: 2, column: 1)),
            checksum: "c0ffee")
        let history = state == .pending ? nil : HistoryEntry(
            version: migration.version, name: name, checksum: "c0ffee", state: state == .partial ? .partial : .applied,
            appliedAt: Date(timeIntervalSince1970: 1_796_400_000), appliedBy: "app", durationMilliseconds: 12,
            statementsRun: 1)
        return MigrationStatus(version: migration.version, name: name, state: state, migration: migration, history: history)
    }

    static let statuses = [
        status("20261201090000", "create_users", .applied),
        status("20261202090000", "add_email", .changed),
        status("20261203090000", "backfill", .partial),
        status("20261204090000", "vector_index", .skipped),
        status("20261205090000", "add_orders", .pending),
    ]

    @Test func statusTableMatchesGolden() throws {
        try Golden.expect(StatusRendering.table(Self.statuses, color: false), matches: "status/table.txt")
    }

    @Test func statusJSONMatchesGolden() throws {
        try Golden.expect(StatusRendering.json(Self.statuses), matches: "status/json.txt")
    }
}
