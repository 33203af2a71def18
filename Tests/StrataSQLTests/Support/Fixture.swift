import Foundation

/// SQL files under `Fixtures/`, read from the test bundle.
enum Fixture {
    struct Missing: Error, CustomStringConvertible {
        let name: String
        var description: String { "fixture Fixtures/\(name).sql is not in the test bundle" }
    }

    /// The text of `Fixtures/<name>.sql`.
    static func text(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "sql", subdirectory: "Fixtures") else {
            throw Missing(name: name)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
