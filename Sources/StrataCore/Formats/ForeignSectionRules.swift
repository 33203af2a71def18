import StrataSQL

/// How Strata runs SQL written for another tool the way that tool ran it.
public enum ForeignSectionRules {
    /// The section without a `BEGIN; … COMMIT;` pair that wraps all of it (golang-migrate and dbmate files often
    /// carry one, because their runner sends the file as one string). Strata already runs the file in one
    /// transaction, so the pair is blanked out with spaces, keeping every other line and column where it was.
    /// A section that is not wrapped whole is returned unchanged.
    public static func unwrappingTransaction(_ section: MigrationSection) -> MigrationSection {
        guard let statements = try? StatementSplitter.split(section.sql, origin: section.origin),
            statements.count >= 2, let first = statements.first, let last = statements.last,
            isBegin(first.keywords), isCommit(last.keywords),
            !statements.dropFirst().dropLast().contains(where: \.isTransactionControl)
        else { return section }
        var bytes = Array(section.sql.utf8)
        for statement in [first, last] {
            let start = statement.start.offset - section.origin.offset
            var end = statement.endOffset - section.origin.offset
            // Blank the `;` that ends the statement as well.
            while end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x09 { end += 1 }
            if end < bytes.count, bytes[end] == 0x3B { end += 1 }
            guard start >= 0, end <= bytes.count, start <= end else { return section }
            for index in start..<end where bytes[index] != 0x0A && bytes[index] != 0x0D { bytes[index] = 0x20 }
        }
        return MigrationSection(sql: String(decoding: bytes, as: UTF8.self), origin: section.origin, path: section.path)
    }

    /// True when a statement of the section cannot run inside a transaction (`CREATE INDEX CONCURRENTLY`, `VACUUM`
    /// …): Flyway and golang-migrate then run the file outside one, and so does Strata (statement by statement).
    public static func needsNoTransaction(_ section: MigrationSection?) -> Bool {
        guard let section, let statements = try? StatementSplitter.split(section.sql, origin: section.origin) else {
            return false
        }
        return statements.contains(where: \.requiresNoTransaction)
    }

    /// The `-- strata:` directives on the lines of `text` (for lint suppressions and `no-transaction` in any format).
    public static func directives(in text: String) -> [SQLDirective] {
        var result: [SQLDirective] = []
        var offset = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.contains("strata:"),
                let directive = SQLDirective.parse(
                    line: String(line), position: SourcePosition(offset: offset, line: index + 1, column: 1)),
                NativeMigrationParser.knownDirectives.contains(directive.name)
            {
                result.append(directive)
            }
            offset += line.utf8.count + 1
        }
        return result
    }

    private static func isBegin(_ words: [String]) -> Bool {
        words.first == "begin" && words.dropFirst().first != "atomic"
            || (words.first == "start" && words.dropFirst().first == "transaction")
    }

    private static func isCommit(_ words: [String]) -> Bool {
        words.first == "commit" && words.dropFirst().first != "prepared" || words.first == "end"
    }
}
