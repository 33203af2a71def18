/// A table as a sync sees it in the catalog: its columns, primary key and unique keys.
public struct SyncTableShape: Sendable, Hashable {
    /// One column.
    public struct Column: Sendable, Hashable {
        /// The name, as the catalog spells it.
        public var name: String
        /// The type, as `format_type` writes it (`bigint`, `character varying(20)`).
        public var type: String
        /// `NOT NULL`.
        public var notNull: Bool
        /// It has a default (or is an identity column): an INSERT may leave it out.
        public var hasDefault: Bool
        /// A generated column: never written.
        public var generated: Bool
        /// Its default expression, when it has one (`nextval('clients_id_seq'::regclass)`).
        public var defaultExpression: String?

        /// Creates a column.
        public init(name: String, type: String, notNull: Bool, hasDefault: Bool, generated: Bool, defaultExpression: String? = nil) {
            self.name = name
            self.type = type
            self.notNull = notNull
            self.hasDefault = hasDefault
            self.generated = generated
            self.defaultExpression = defaultExpression
        }
    }

    /// The table.
    public var name: QualifiedTableName
    /// Its columns, in order.
    public var columns: [Column]
    /// Its primary key columns, in key order (empty without one).
    public var primaryKey: [String]
    /// The column lists of its unique indexes without predicate or expression (the primary key among them).
    public var uniqueKeys: [[String]]
    /// True when a foreign key references the table or starts from it: a mirrored write may then fail because the
    /// row it depends on is not copied yet, and the dual write must catch that.
    public var hasForeignKeys: Bool

    /// Creates a shape.
    public init(
        name: QualifiedTableName, columns: [Column], primaryKey: [String], uniqueKeys: [[String]], hasForeignKeys: Bool = false
    ) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        self.uniqueKeys = uniqueKeys
        self.hasForeignKeys = hasForeignKeys
    }

    /// The column named `name`.
    public func column(_ name: String) -> Column? { columns.first { $0.name == name } }

    /// True when a unique index covers exactly `columns` (in any order).
    public func isUnique(_ columns: [String]) -> Bool {
        uniqueKeys.contains { Set($0) == Set(columns) && $0.count == columns.count }
    }
}

/// A pair of a sync plan checked against the catalog: every column of the new table that is written, the SQL
/// expression over the old row that fills it, the key on both sides, and how the new table maps back onto the
/// old one for the write-back after cut-over.
public struct ResolvedSyncTable: Sendable, Hashable {
    /// A written column of the new table.
    public struct Target: Sendable, Hashable {
        /// The new table's column.
        public var column: String
        /// Its type.
        public var type: String
        /// The SQL expression over the old row (a quoted column name when copied as it is).
        public var expression: String
        /// The old column copied as it is, when the mapping is just that column: it can be written back.
        public var sourceColumn: String?
    }

    /// The pair as written.
    public var plan: SyncTablePlan
    /// The old table.
    public var from: SyncTableShape
    /// The new table.
    public var to: SyncTableShape
    /// The written columns of the new table, in its column order.
    public var targets: [Target]
    /// The key of the old table.
    public var fromKey: [String]
    /// The same key in the new table (the columns the old key columns are copied to), in the same order.
    public var toKey: [String]
    /// The type of each key column in the new table.
    public var toKeyTypes: [String]
    /// The type of each key column in the old table.
    public var fromKeyTypes: [String]

    /// Checks `plan` against the two tables: the key is unique on both sides, every mapped column exists, every
    /// column of the new table that cannot be left out is covered. Errors name the plan's file:line.
    public static func resolve(
        _ plan: SyncTablePlan, from: SyncTableShape, to: SyncTableShape, path: String
    ) throws(StrataError) -> ResolvedSyncTable {
        func refuse(_ message: String, line: Int? = nil, hint: String? = nil) -> StrataError {
            StrataError(.syncRefused, message, location: FileLocation(path: path, line: line ?? plan.line), hint: hint)
        }
        let fromKey = plan.key ?? from.primaryKey
        guard !fromKey.isEmpty else {
            throw refuse("\(plan.from) has no primary key", hint: "name its unique key: key = [\"id\"]")
        }
        for column in fromKey where from.column(column) == nil {
            throw refuse("key column '\(column)' is not a column of \(plan.from)")
        }
        guard from.isUnique(fromKey) else {
            throw refuse(
                "the key (\(fromKey.joined(separator: ", "))) is not unique on \(plan.from)",
                hint: "a sync needs a primary key or a unique index on the key columns")
        }
        var mapped: [String: SyncColumnMapping] = [:]
        for mapping in plan.columns {
            guard let column = to.column(mapping.target) else {
                throw refuse("'\(mapping.target)' is not a column of \(plan.to)", line: mapping.line)
            }
            if column.generated {
                throw refuse("'\(mapping.target)' of \(plan.to) is a generated column; it cannot be written", line: mapping.line)
            }
            mapped[mapping.target] = mapping
        }
        var targets: [Target] = []
        var uncovered: [String] = []
        for column in to.columns where !column.generated {
            if let mapping = mapped[column.name] {
                let source = mapping.sourceColumn.flatMap { name in from.column(name)?.name }
                targets.append(Target(
                    column: column.name, type: column.type,
                    expression: source.map(SQLIdentifier.quoted) ?? mapping.expression, sourceColumn: source))
            } else if let same = from.column(column.name), !same.generated {
                targets.append(Target(
                    column: column.name, type: column.type, expression: SQLIdentifier.quoted(same.name), sourceColumn: same.name))
            } else if column.notNull && !column.hasDefault {
                uncovered.append(column.name)
            }
        }
        guard uncovered.isEmpty else {
            throw refuse(
                "\(plan.to) has NOT NULL column\(uncovered.count == 1 ? "" : "s") without a default that nothing fills: \(uncovered.joined(separator: ", "))",
                hint: "map \(uncovered.count == 1 ? "it" : "them") in [table.columns], e.g. \(uncovered[0]) = \"'value'\"")
        }
        var toKey: [String] = []
        for key in fromKey {
            guard let target = targets.first(where: { $0.sourceColumn == key }) else {
                throw refuse(
                    "the key column '\(key)' of \(plan.from) is not copied as it is into a column of \(plan.to)",
                    hint: "a sync finds each row in the new table by the old key; map it as a plain column")
            }
            toKey.append(target.column)
        }
        guard to.isUnique(toKey) else {
            throw refuse(
                "(\(toKey.joined(separator: ", "))) is not unique on \(plan.to)",
                hint: "give \(plan.to) a primary key or unique index on the key columns (LIKE … INCLUDING ALL copies it)")
        }
        return ResolvedSyncTable(
            plan: plan, from: from, to: to, targets: targets, fromKey: fromKey, toKey: toKey,
            toKeyTypes: toKey.map { name in to.column(name)?.type ?? "text" },
            fromKeyTypes: fromKey.map { name in from.column(name)?.type ?? "text" })
    }

    /// For the view that keeps the old name after cut-over: each old column and the new column it reads, or `nil`
    /// when no new column copies it as it is (the view then gives NULL there).
    public var viewColumns: [(old: SyncTableShape.Column, new: String?)] {
        from.columns.filter { !$0.generated }.map { column in
            (column, targets.first { $0.sourceColumn == column.name }?.column)
        }
    }

    /// Old columns the write-back after cut-over cannot fill: NOT NULL, no default, and no new column copies
    /// them as they are. Cut-over is refused while there are any (the write-back would fail every INSERT).
    public var unwritableOldColumns: [String] {
        viewColumns.filter { $0.new == nil && $0.old.notNull && !$0.old.hasDefault }.map(\.old.name)
    }
}
