/// An identifier longer than 63 bytes: PostgreSQL silently truncates it (with only a NOTICE), so the object gets
/// another name than the one written, and two long names that share their first 63 bytes collide.
package struct IdentifierTooLong: LintRule {
    /// The longest identifier PostgreSQL keeps whole (`NAMEDATALEN - 1` in a default build).
    static let maximumBytes = 63

    /// Creates the rule.
    package init() {}

    /// `identifier-too-long`.
    package var id: String { "identifier-too-long" }
    /// A warning: nothing is locked, but the name in the catalog is not the one in the migration.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String { "An identifier longer than 63 bytes is silently truncated by PostgreSQL." }
    /// The safe alternative.
    package var help: String {
        "shorten the name to at most 63 bytes (count bytes, not characters: non-ASCII letters take 2 to 4 bytes)"
    }

    /// Flags identifiers (plain or quoted) longer than 63 bytes in `CREATE` and `ALTER` statements, where names are
    /// given, each name once per file (at its first occurrence): references elsewhere are truncated the same way
    /// and still work.
    package func check(_ file: LintFile) -> [LintViolation] {
        var violations: [LintViolation] = []
        var reported: Set<String> = []
        for statement in file.statements {
            guard let first = statement.word(at: 0), first == "create" || first == "alter" else { continue }
            for index in statement.range {
                guard let name = statement.identifier(at: index), name.utf8.count > Self.maximumBytes,
                    reported.insert(name).inserted
                else { continue }
                violations.append(
                    violation(
                        "identifier \"\(name)\" is \(name.utf8.count) bytes long: PostgreSQL truncates it to "
                            + "\"\(Self.truncated(name))\" without an error",
                        at: statement, token: index))
            }
        }
        return violations
    }

    /// `name` cut to at most 63 bytes without splitting a character, as PostgreSQL does.
    static func truncated(_ name: String) -> String {
        var result = ""
        var bytes = 0
        for scalar in name.unicodeScalars {
            let length = String(scalar).utf8.count
            guard bytes + length <= maximumBytes else { break }
            result.unicodeScalars.append(scalar)
            bytes += length
        }
        return result
    }
}
