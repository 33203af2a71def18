import PostgresNIO
import StrataCore

/// Reads what a sync needs to know about a table from the catalog.
enum SyncCatalog {
    /// The table's shape, or a refusal naming it when it does not exist or is not a table.
    static func shape(
        of name: QualifiedTableName, in session: DatabaseSession, location: FileLocation
    ) async throws(StrataError) -> SyncTableShape {
        let quoted = name.quoted
        let kinds = try await session.run("SELECT relkind::text FROM pg_class WHERE oid = to_regclass(\(quoted))")
        guard let kind = try? kinds.first?.decode(String.self) else {
            throw StrataError(.syncRefused, "\(name) does not exist", location: location,
                hint: "create the new tables with an ordinary migration before the sync starts")
        }
        guard kind == "r" || kind == "p" else {
            throw StrataError(.syncRefused, "\(name) is not a table (relkind \(kind))", location: location)
        }
        let columnRows = try await session.run("""
            SELECT a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                (a.atthasdef OR a.attidentity <> ''), a.attgenerated <> '',
                coalesce(pg_get_expr(d.adbin, d.adrelid), '')
            FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = to_regclass(\(quoted)) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """)
        var columns: [SyncTableShape.Column] = []
        for row in columnRows {
            guard let (column, type, notNull, hasDefault, generated, expression) =
                try? row.decode((String, String, Bool, Bool, Bool, String).self)
            else { continue }
            columns.append(SyncTableShape.Column(
                name: column, type: type, notNull: notNull, hasDefault: hasDefault, generated: generated,
                defaultExpression: expression.isEmpty || generated ? nil : expression))
        }
        let keyRows = try await session.run("""
            SELECT i.indisprimary, array_agg(a.attname::text ORDER BY k.ord)
            FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = to_regclass(\(quoted)) AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
            GROUP BY i.indexrelid, i.indisprimary
            """)
        var primaryKey: [String] = []
        var uniqueKeys: [[String]] = []
        for row in keyRows {
            guard let (primary, keyColumns) = try? row.decode((Bool, [String]).self) else { continue }
            uniqueKeys.append(keyColumns)
            if primary { primaryKey = keyColumns }
        }
        let foreign = try await session.run("""
            SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE contype = 'f'
                AND (conrelid = to_regclass(\(quoted)) OR confrelid = to_regclass(\(quoted))))
            """)
        return SyncTableShape(
            name: name, columns: columns, primaryKey: primaryKey, uniqueKeys: uniqueKeys,
            hasForeignKeys: (try? foreign.first?.decode(Bool.self)) ?? true)
    }
}
