import Foundation
import StrataSQL

/// Reads `db/backfills/NAME.sql`: directive lines, then one `UPDATE table SET … [WHERE …]`.
///
/// ```sql
/// -- strata:batch-time 200ms
/// -- strata:sleep 10ms
/// UPDATE events SET updated_at = created_at WHERE updated_at IS NULL;
/// ```
///
/// Directives: `batch-time`, `batch-size`, `sleep`, `lock-timeout`, `statement-timeout`; any other
/// `-- strata:` directive is an error, as in migration files.
public enum BackfillFile {
    /// The folder backfill files live in, by default.
    public static let defaultDirectory = "db/backfills"

    /// Reads and parses the file of backfill `name` in `directory`.
    public static func load(name: String, directory: String) throws(StrataError) -> BackfillDefinition {
        guard SQLIdentifier.isPlainName(name) else {
            throw StrataError(.usage, "'\(name)' is not a backfill name (letters, digits, _ and -)")
        }
        let path = directory + "/" + name + ".sql"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StrataError(
                .usage, "no backfill named '\(name)': \(path) does not exist",
                hint: "write \(path) with one UPDATE … SET … statement, or use --table and --set")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw StrataError(.invalidMigration, "\(path) is not UTF-8 text", location: FileLocation(path: path, line: 1))
        }
        return try parse(text: text, path: path, name: name)
    }

    /// Parses a backfill's text; errors name `path`:line.
    public static func parse(text: String, path: String, name: String) throws(StrataError) -> BackfillDefinition {
        var pace = BackfillPace()
        var paced = false
        var lockTimeout: TimeoutValue?
        var statementTimeout: TimeoutValue?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let directive = SQLDirective.parse(line: String(line), position: .start) else { continue }
            let location = FileLocation(path: path, line: index + 1)
            func duration() throws(StrataError) -> TimeoutValue {
                guard let value = TimeoutValue(parsing: directive.arguments) else {
                    throw StrataError(
                        .invalidMigration, "-- strata:\(directive.name) needs a duration such as 200ms, not '\(directive.arguments)'",
                        location: location)
                }
                return value
            }
            switch directive.name {
            case "batch-time":
                pace.batchTime = .milliseconds(max(1, try duration().milliseconds))
                paced = true
            case "sleep":
                pace.sleep = .milliseconds(try duration().milliseconds)
                paced = true
            case "batch-size":
                guard let size = Int(directive.arguments), size > 0 else {
                    throw StrataError(
                        .invalidMigration, "-- strata:batch-size needs a positive number of rows", location: location)
                }
                pace.fixedBatchSize = size
                paced = true
            case "lock-timeout": lockTimeout = try duration()
            case "statement-timeout": statementTimeout = try duration()
            default:
                throw StrataError(
                    .invalidMigration, "unknown directive -- strata:\(directive.name) in a backfill file", location: location,
                    hint: "backfill files accept batch-time, batch-size, sleep, lock-timeout and statement-timeout")
            }
        }
        let statements: [SQLStatement]
        do {
            statements = try StatementSplitter.split(text)
        } catch {
            throw StrataError(
                .sqlSyntax, error.message, location: FileLocation(path: path, line: error.position.line, column: error.position.column))
        }
        guard statements.count == 1, let statement = statements.first else {
            throw StrataError(
                .invalidMigration, "a backfill holds exactly one UPDATE statement, this one holds \(statements.count)",
                location: FileLocation(path: path, line: statements.dropFirst().first?.start.line ?? 1))
        }
        var definition = try parseUpdate(statement, path: path, name: name)
        definition.pace = paced ? pace : nil
        definition.lockTimeout = lockTimeout
        definition.statementTimeout = statementTimeout
        return definition
    }

    /// Splits `UPDATE table SET … [WHERE …]` into its parts.
    static func parseUpdate(_ statement: SQLStatement, path: String, name: String) throws(StrataError) -> BackfillDefinition {
        let tokens = statement.tokens
        let significant = tokens.indices.filter { !tokens[$0].isTrivia }
        func fail(_ message: String, at index: Int?, hint: String? = nil) -> StrataError {
            let position = index.map { tokens[$0].start } ?? statement.start
            return StrataError(
                .invalidMigration, message, location: FileLocation(path: path, line: position.line, column: position.column),
                hint: hint)
        }
        guard let first = significant.first, tokens[first].isWord("update") else {
            throw fail(
                "a backfill is one UPDATE … SET … statement", at: significant.first,
                hint: "INSERT … SELECT backfills are not supported yet; write the change as an UPDATE")
        }
        // The table: name or schema.name, each part a word or a quoted identifier.
        var cursor = 1
        var tableTokens: [Int] = []
        while cursor < significant.count {
            let token = tokens[significant[cursor]]
            if tableTokens.isEmpty || tokens[tableTokens.last ?? 0].isPunctuation(".") {
                guard token.kind == .word || token.kind == .quotedIdentifier, !token.isWord("only") || !tableTokens.isEmpty
                else { break }
                tableTokens.append(significant[cursor])
            } else if token.isPunctuation(".") {
                tableTokens.append(significant[cursor])
            } else {
                break
            }
            cursor += 1
        }
        guard !tableTokens.isEmpty, cursor < significant.count, tokens[significant[cursor]].isWord("set") else {
            throw fail(
                "expected UPDATE table SET …", at: cursor < significant.count ? significant[cursor] : nil,
                hint: "a backfill updates one table, without ONLY or an alias")
        }
        let table = tableTokens.map { tokens[$0].text }.joined()
        let setStart = significant[cursor] + 1
        var depth = 0
        var whereIndex: Int?
        for index in setStart..<tokens.count where !tokens[index].isTrivia {
            let token = tokens[index]
            if token.isPunctuation("(") || token.isPunctuation("[") { depth += 1 }
            if token.isPunctuation(")") || token.isPunctuation("]") { depth -= 1 }
            guard depth == 0 else { continue }
            if token.isWord("from") || token.isWord("returning") {
                throw fail(
                    "a backfill's UPDATE may not use \(token.normalized.uppercased())", at: index,
                    hint: "use a subquery in SET (col = (SELECT … WHERE … = \(table).id)); Strata adds the key range itself")
            }
            if token.isWord("where") && whereIndex == nil { whereIndex = index }
        }
        func text(_ range: Range<Int>) -> String {
            range.map { tokens[$0].text }.joined().trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let setClause = text(setStart..<(whereIndex ?? tokens.count))
        guard !setClause.isEmpty else { throw fail("the UPDATE has nothing after SET", at: significant[cursor]) }
        var whereClause: String?
        if let whereIndex {
            let condition = text((whereIndex + 1)..<tokens.count)
            guard !condition.isEmpty else { throw fail("the UPDATE has nothing after WHERE", at: whereIndex) }
            if condition.lowercased().hasPrefix("current of") { throw fail("WHERE CURRENT OF has no place in a backfill", at: whereIndex) }
            whereClause = condition
        }
        return BackfillDefinition(name: name, table: table, setClause: setClause, whereClause: whereClause, path: path)
    }
}
