import Foundation
import StrataSQL

/// What a backfill changes: one `UPDATE table SET … [WHERE …]`, from `db/backfills/NAME.sql` or from
/// `strata backfill --table T --set "col = expr" [--where COND]`, walked in key-range batches.
///
/// The table and clauses are the user's SQL, checked by Strata's lexer (one statement, no `FROM`, no
/// `RETURNING`); the runner adds the key range, never splicing a value it could bind.
public struct BackfillDefinition: Sendable, Hashable {
    /// The backfill's name (the file name without `.sql`, or `--name`).
    public var name: String
    /// The table as written in the statement (`events`, `app.events`, `"Events"`).
    public var table: String
    /// The text after `SET`, up to `WHERE`.
    public var setClause: String
    /// The text after `WHERE`, when there is one.
    public var whereClause: String?
    /// The file it came from, for messages; `nil` for an inline backfill.
    public var path: String?
    /// The pace its directives ask for (`-- strata:batch-time`, `-- strata:batch-size`, `-- strata:sleep`).
    public var pace: BackfillPace?
    /// `-- strata:lock-timeout` of each batch.
    public var lockTimeout: TimeoutValue?
    /// `-- strata:statement-timeout` of each batch.
    public var statementTimeout: TimeoutValue?

    /// Creates a definition from parts already checked.
    public init(
        name: String, table: String, setClause: String, whereClause: String? = nil, path: String? = nil,
        pace: BackfillPace? = nil, lockTimeout: TimeoutValue? = nil, statementTimeout: TimeoutValue? = nil
    ) {
        self.name = name
        self.table = table
        self.setClause = setClause
        self.whereClause = whereClause
        self.path = path
        self.pace = pace
        self.lockTimeout = lockTimeout
        self.statementTimeout = statementTimeout
    }

    /// The whole statement, as recorded in `strata.jobs` and compared on resume.
    public var statement: String {
        "UPDATE \(table) SET \(setClause)" + (whereClause.map { " WHERE \($0)" } ?? "")
    }

    /// An inline backfill: `table` may be `schema.table`; each part is quoted as an identifier. `set` and `where`
    /// are SQL expressions, checked by the same parser as a file. The name defaults to `table_column`.
    public static func inline(
        table: String, set: String, where condition: String?, name: String?
    ) throws(StrataError) -> BackfillDefinition {
        let parts = table.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else {
            throw StrataError(.usage, "--table '\(table)' is not TABLE or SCHEMA.TABLE")
        }
        let quotedTable = parts.map(SQLIdentifier.quoted).joined(separator: ".")
        var text = "UPDATE \(quotedTable) SET \(set)"
        if let condition, !condition.trimmingCharacters(in: .whitespaces).isEmpty { text += " WHERE \(condition)" }
        let column = set.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        let chosen = name ?? (parts[parts.count - 1] + (column.isEmpty ? "" : "_" + column))
        var definition = try BackfillFile.parse(text: text, path: "--set", name: chosen)
        definition.path = nil
        guard definition.setClause == set.trimmingCharacters(in: .whitespacesAndNewlines) else {
            throw StrataError(.usage, "--set '\(set)' must be assignments only (put the condition in --where)")
        }
        return definition
    }
}
