/// `UPDATE … SET a = 1, a = 2` (or the same in `ON CONFLICT … DO UPDATE SET`): PostgreSQL rejects the statement with
/// "multiple assignments to same column", so the migration fails wherever it runs.
package struct BanDuplicateColumnAssignments: LintRule {
    /// Creates the rule.
    package init() {}

    /// `ban-duplicate-column-assignments`.
    package var id: String { "ban-duplicate-column-assignments" }
    /// An error: the statement can never succeed.
    package var defaultSeverity: LintSeverity { .error }
    /// What the rule catches.
    package var summary: String { "UPDATE … SET assigns the same column twice, which PostgreSQL rejects." }
    /// The safe alternative.
    package var help: String { "assign each column once; combine the two expressions into one" }

    /// Flags every column assigned more than once in one `SET` list of an `UPDATE` (including `DO UPDATE SET` and
    /// updates inside `WITH`). Several assignments to different elements or fields of one column (`a[1] = …,
    /// a[2] = …`), which PostgreSQL merges, are allowed.
    package func check(_ file: LintFile) -> [LintViolation] {
        var violations: [LintViolation] = []
        for statement in file.statements where statement.contains(word: "update") {
            for setIndex in statement.range where statement.isWord("set", at: setIndex) {
                guard Self.isUpdateSet(statement, at: setIndex) else { continue }
                for duplicate in Self.duplicates(in: Self.assignments(of: statement, after: setIndex)) {
                    violations.append(
                        violation(
                            "column \"\(duplicate.name)\" is assigned more than once in this SET list: PostgreSQL "
                                + "rejects the statement with \"multiple assignments to same column\"",
                            at: statement, token: duplicate.index))
                }
            }
        }
        return violations
    }

    /// One target of a `SET` list: the column, the index of its token, and whether it assigns only an element or
    /// a field of it.
    private struct Target {
        var name: String
        var index: Int
        var isPartial: Bool
    }

    /// True when the `SET` at `setIndex` follows `UPDATE [ONLY] table [*] [[AS] alias]` or `DO UPDATE` (not
    /// `ON UPDATE SET NULL` of a foreign key).
    private static func isUpdateSet(_ statement: LintStatement, at setIndex: Int) -> Bool {
        var index = setIndex - 1
        while index >= statement.startIndex, setIndex - index <= 8 {
            if statement.isWord("update", at: index) {
                if index == setIndex - 1 { return statement.isWord("do", at: index - 1) }
                return !statement.isWord("on", at: index - 1)
            }
            guard statement.identifier(at: index) != nil || statement.isSymbol(".", at: index)
                || statement.isSymbol("*", at: index)
            else { return false }
            index -= 1
        }
        return false
    }

    /// The targets of the `SET` list starting after `setIndex`, up to `FROM`, `WHERE`, `RETURNING`, a closing
    /// parenthesis or the end.
    private static func assignments(of statement: LintStatement, after setIndex: Int) -> [Target] {
        var end = setIndex + 1
        var depth = 0
        while end < statement.endIndex {
            let token = statement.tokens[end]
            if LintStatement.isOpening(token) {
                depth += 1
            } else if LintStatement.isClosing(token) {
                depth -= 1
                if depth < 0 { break }
            } else if depth == 0, let word = statement.word(at: end), ["from", "where", "returning"].contains(word) {
                break
            }
            end += 1
        }
        var targets: [Target] = []
        for part in statement.span((setIndex + 1)..<end).splitTopLevel() where !part.isEmpty {
            if let columns = part.parenthesized(at: part.startIndex) {
                // (a, b) = (…) or (a, b) = (SELECT …)
                for column in columns.splitTopLevel() {
                    if let target = target(in: column) { targets.append(target) }
                }
            } else if let target = target(in: part) {
                targets.append(target)
            }
        }
        return targets
    }

    private static func target(in span: TokenSpan) -> Target? {
        let index = span.startIndex
        guard let name = span.identifier(at: index) else { return nil }
        let isPartial = span.isSymbol(".", at: index + 1) || span.isSymbol("[", at: index + 1)
        return Target(name: name, index: index, isPartial: isPartial)
    }

    /// For each column assigned more than once where at least one assignment is to the whole column, its second
    /// assignment.
    private static func duplicates(in targets: [Target]) -> [Target] {
        var byName: [String: [Target]] = [:]
        for target in targets { byName[target.name, default: []].append(target) }
        var result: [Target] = []
        for target in targets {
            guard let group = byName[target.name], group.count > 1, group.contains(where: { !$0.isPartial }),
                group[1].index == target.index
            else { continue }
            result.append(target)
        }
        return result
    }
}
