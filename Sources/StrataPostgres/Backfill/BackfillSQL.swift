import StrataCore

/// The SQL of one key-range batch of a backfill. The key columns are quoted identifiers and their types come from
/// the catalog (`format_type`); the bounds are binds (`$1` the last key done, `$2` the upper key, `$3` the limit),
/// cast from text to each key column's type, so any key type and a composite key work the same.
struct BackfillSQL: Sendable {
    let table: String
    let keyColumns: [String]
    let keyTypes: [String]
    let setClause: String
    let whereClause: String?

    init(definition: BackfillDefinition, table: BackfillTable) {
        self.table = table.name
        self.keyColumns = table.keyColumns.map(SQLIdentifier.quoted)
        self.keyTypes = table.keyTypes
        self.setClause = definition.setClause
        self.whereClause = definition.whereClause
    }

    var keyList: String { keyColumns.joined(separator: ", ") }

    /// `(($n::text[])[1]::type1, ($n::text[])[2]::type2)`
    func bound(_ parameter: Int) -> String {
        "(" + keyTypes.enumerated().map { index, type in "($\(parameter)::text[])[\(index + 1)]::\(type)" }
            .joined(separator: ", ") + ")"
    }

    /// The batch statement; `fromStart` leaves out the lower bound (then `$1` is unused and not sent). The batch's
    /// upper edge is the `limit`-th key after the lower bound (or the job's upper key near the end), and the UPDATE
    /// is a plain key-range scan between them: no join with a list of keys.
    func batch(fromStart: Bool) -> String {
        let lower = fromStart ? "" : "(\(keyList)) > \(bound(1)) AND "
        let upperParameter = fromStart ? 1 : 2
        let limitParameter = fromStart ? 2 : 3
        let upperValues = keyTypes.enumerated().map { index, type in
            "($\(upperParameter)::text[])[\(index + 1)]::\(type) AS \(keyColumns[index])"
        }.joined(separator: ", ")
        let lastKey = "ARRAY[" + keyColumns.map { "upto.\($0)::text" }.joined(separator: ", ") + "]"
        let condition = whereClause.map { " AND (\($0))" } ?? ""
        let range = "\(lower)(\(keyList)) <= (SELECT \(keyList) FROM upto)"
        return """
            WITH edge AS (
                SELECT \(keyList) FROM \(table)
                WHERE \(lower)(\(keyList)) <= \(bound(upperParameter))
                ORDER BY \(keyList) LIMIT 1 OFFSET $\(limitParameter) - 1
            ), upto AS (
                SELECT \(keyList) FROM edge
                UNION ALL SELECT \(upperValues) WHERE NOT EXISTS (SELECT 1 FROM edge)
            ), changed AS (
                UPDATE \(table) SET \(setClause)
                WHERE \(range)\(condition)
                RETURNING 1
            ), walked AS (
                SELECT count(*) AS rows FROM \(table) WHERE \(range)
            )
            SELECT walked.rows AS walked, (SELECT count(*) FROM changed) AS changed, \(lastKey) AS last_key
            FROM walked, upto WHERE walked.rows > 0
            """
    }

    /// The highest key now.
    var upperKey: String {
        let descending = keyColumns.map { "\($0) DESC" }.joined(separator: ", ")
        let array = "ARRAY[" + keyColumns.map { "\($0)::text" }.joined(separator: ", ") + "]"
        return "SELECT \(array) FROM \(table) ORDER BY \(descending) LIMIT 1"
    }
}
