import Foundation

/// The format fixture folders of StrataCoreTests (`Tests/StrataCoreTests/Fixtures/Formats/<tool>`), read from the
/// source tree.
enum FormatFixtures {
    /// Every tool with a fixture folder.
    static let tools = ["flyway", "golang-migrate", "dbmate", "goose", "sql-migrate", "diesel"]

    /// Placeholder values the Flyway fixture needs.
    static let placeholders = ["app_name": "shop", "app_version": "1.0"]

    /// The fixture folder of `tool`.
    static func path(_ tool: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("StrataCoreTests/Fixtures/Formats/\(tool)").path
    }

    /// A temporary copy of the fixture folder of `tool`; remove it with `FileManager.removeItem`.
    static func copy(_ tool: String) throws -> String {
        let target = NSTemporaryDirectory() + "strata-format-\(tool)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.copyItem(atPath: path(tool), toPath: target)
        return target
    }
}
