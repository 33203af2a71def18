import PostgresNIO
import StrataCore
import StrataSQL

/// A `CREATE INDEX CONCURRENTLY` that fails (a duplicate key, a cancel, a lost connection) leaves an INVALID
/// index behind: it slows every write and makes the rerun fail with "already exists" (or, with `IF NOT EXISTS`,
/// silently keeps the broken index). Before such a statement runs, an INVALID index of the same name on the
/// same table is reported, dropped concurrently and then built again by the statement itself.
enum InvalidIndexRepair {
    /// The index and table a `CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] name ON [ONLY] table` names,
    /// as SQL text (quoted identifiers kept quoted); `nil` for any other statement or an unnamed index.
    static func target(of statement: SQLStatement) -> (index: String, table: String)? {
        let tokens = statement.significantTokens
        var position = 0
        func word(_ keyword: String) -> Bool {
            guard position < tokens.count, tokens[position].isWord(keyword) else { return false }
            position += 1
            return true
        }
        guard word("create") else { return nil }
        _ = word("unique")
        guard word("index"), word("concurrently") else { return nil }
        if word("if") { guard word("not"), word("exists") else { return nil } }
        guard position < tokens.count, !tokens[position].isWord("on"),
            tokens[position].kind == .word || tokens[position].kind == .quotedIdentifier
        else { return nil }
        let index = tokens[position].text
        position += 1
        guard word("on") else { return nil }
        _ = word("only")
        var table = ""
        while position < tokens.count {
            let token = tokens[position]
            if token.kind == .word || token.kind == .quotedIdentifier {
                if token.isWord("using") { break }
                table += token.text
            } else if token.isPunctuation(".") {
                table += "."
            } else {
                break
            }
            position += 1
        }
        return table.isEmpty ? nil : (index, table)
    }

    /// Drops an INVALID index left by an earlier failed run of `statement`, logging what it does.
    static func prepare(_ statement: SQLStatement, path: String, on session: DatabaseSession) async throws(StrataError) {
        guard let (index, table) = target(of: statement) else { return }
        let indexName = statement.significantTokens.first { $0.text == index }?.normalized ?? index
        let query: PostgresQuery = """
            SELECT format('%I.%I', n.nspname, c.relname)
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE i.indrelid = to_regclass(\(table)) AND c.relname = \(indexName) AND NOT i.indisvalid
            """
        guard let rows = try? await session.run(query), let qualified = try? rows.first?.decode(String.self) else { return }
        session.logger.warning(
            "\(path):\(statement.start.line): index \(qualified) is INVALID (left by a failed concurrent build); dropping it and building it again")
        try await session.run(PostgresQuery(unsafeSQL: "DROP INDEX CONCURRENTLY IF EXISTS \(qualified)"))
    }

    /// True when the index `statement` builds already exists and is valid on its table: a rerun after the process
    /// died while the server finished the build must record it, not build it again.
    static func validIndexExists(for statement: SQLStatement, on session: DatabaseSession) async throws(StrataError) -> Bool {
        guard let (index, table) = target(of: statement) else { return false }
        let indexName = statement.significantTokens.first { $0.text == index }?.normalized ?? index
        let query: PostgresQuery = """
            SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = to_regclass(\(table)) AND c.relname = \(indexName) AND i.indisvalid
            """
        return !(try await session.run(query)).isEmpty
    }
}
