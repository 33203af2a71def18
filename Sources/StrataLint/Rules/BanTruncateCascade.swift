/// `TRUNCATE … CASCADE`: also empties every table with a foreign key to the truncated ones, and the tables that
/// reference those, which the statement does not name.
package struct BanTruncateCascade: LintRule {
    /// Creates the rule.
    package init() {}

    /// `ban-truncate-cascade`.
    package var id: String { "ban-truncate-cascade" }
    /// An error: silent data loss in other tables.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String { "TRUNCATE … CASCADE empties every table that references the truncated ones." }
    /// The safe alternative.
    package var help: String {
        "name every table to empty in the TRUNCATE and leave out CASCADE (the default RESTRICT fails instead of "
            + "emptying tables you did not list)"
    }

    /// Flags `TRUNCATE … CASCADE`, except when every truncated table was created earlier in the section.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            guard statement.isWord("truncate", at: 0),
                let cascade = statement.firstIndex(of: ["cascade"], topLevelOnly: true)
            else { return nil }
            var cursor = statement.cursor(at: 1)
            cursor.skip("table")
            var names: [LintObjectName] = []
            repeat {
                cursor.skip("only")
                guard let name = cursor.readName() else { break }
                names.append(name)
                cursor.skip("*")
            } while cursor.skip(",")
            if !names.isEmpty, names.allSatisfy({ file.createsTable($0, before: statement) }) { return nil }
            let list = names.map(\.description).joined(separator: ", ")
            let them = names.count == 1 ? "it" : "them"
            return violation(
                "TRUNCATE \(list) CASCADE also empties every table with a foreign key to \(them), "
                    + "recursively, without naming them",
                at: statement, token: cascade)
        }
    }
}
