/// `ALTER VIEW | MATERIALIZED VIEW | FUNCTION | PROCEDURE | ROUTINE | TYPE | SEQUENCE | DOMAIN | INDEX … RENAME TO`:
/// running code that names the object by its old name fails (squawk's `renaming-object`). Tables, columns, schemas
/// and enum values have their own rules.
package struct RenamingObject: LintRule {
    /// Creates the rule.
    package init() {}

    /// `renaming-object`.
    package var id: String { "renaming-object" }
    /// A warning: callers by the old name break, though most of these objects are named by fewer queries than a
    /// table.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String { "Renaming a view, function, type, sequence, domain or index breaks code that uses the old name." }
    /// The safe alternative.
    package var help: String {
        "create the object under the new name next to the old one (a view or function can forward to it), deploy "
            + "code that uses the new name, then drop the old one in a later migration"
    }

    private static let kinds: [(words: [String], kind: ObjectLifecycle.Kind?)] = [
        (["materialized", "view"], .materializedView), (["view"], .view), (["function"], .function),
        (["procedure"], .function), (["routine"], .function), (["type"], .type), (["sequence"], .sequence),
        (["domain"], nil), (["index"], .index),
    ]

    /// Flags the renames, except of an object created earlier in the section and, in the down section, a rename
    /// back to the name the up section renamed away from.
    package func check(_ file: LintFile) -> [LintViolation] {
        file.statements.compactMap { statement in
            guard let rename = Self.rename(in: statement) else { return nil }
            if let kind = rename.kind, file.isNewObject([kind], named: rename.name, at: statement) { return nil }
            if statement.section == .down,
                file.up.contains(where: { Self.rename(in: $0).map { $0.name.name == rename.new && $0.new == rename.name.name } ?? false })
            {
                return nil
            }
            return violation(
                "renaming \(rename.label) \(rename.name) to \"\(rename.new)\" breaks every running query and client "
                    + "that still uses the old name",
                at: statement, token: rename.renameIndex)
        }
    }

    private struct Rename {
        var label: String
        var kind: ObjectLifecycle.Kind?
        var name: LintObjectName
        var new: String
        var renameIndex: Int
    }

    private static func rename(in statement: LintStatement) -> Rename? {
        guard statement.isWord("alter", at: 0),
            let entry = kinds.first(where: { statement.matches($0.words, at: 1) })
        else { return nil }
        var cursor = statement.cursor(at: 1 + entry.words.count)
        cursor.skip("if", "exists")
        guard let name = cursor.readName() else { return nil }
        _ = cursor.readParenthesized()  // a function's argument types
        let renameIndex = cursor.index
        guard cursor.skip("rename", "to"), let new = cursor.readIdentifier() else { return nil }
        return Rename(
            label: entry.words.joined(separator: " "), kind: entry.kind, name: name, new: new, renameIndex: renameIndex)
    }
}
