import StrataCore

/// The SQL of one synced pair: the dual-write trigger, the copy batch, the comparison, and after cut-over the view
/// with the old name and the write-back. Every name is a quoted identifier from the catalog; mapped expressions are
/// the plan's SQL, checked by PostgreSQL when the plan is checked (`EXPLAIN` of the copy).
struct SyncSQL: Sendable {
    let table: ResolvedSyncTable
    /// The schema of Strata's tables, where the trigger functions live.
    let schema: String
    /// The sync's name.
    let sync: String

    /// A short stable id of the pair, for trigger and function names (63-byte limit).
    var id: String {
        let text = sync + "\u{0}" + table.plan.from.description
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }

    var from: String { table.plan.from.quoted }
    var to: String { table.plan.to.quoted }
    var q: (String) -> String { SQLIdentifier.quoted }
    var strata: String { SQLIdentifier.quoted(schema) }

    var forwardFunction: String { "\(strata).\(q("sync_forward_" + id))" }
    var truncateFunction: String { "\(strata).\(q("sync_no_truncate_" + id))" }
    var viewFunction: String { "\(strata).\(q("sync_view_" + id))" }
    var backFunction: String { "\(strata).\(q("sync_back_" + id))" }
    var triggerName: String { q("strata_sync_" + id) }
    var truncateTriggerName: String { q("strata_sync_truncate_" + id) }

    /// The archive of the old table after cut-over: `strata_archive."schema__table"`.
    static let archiveSchema = "strata_archive"
    var archive: QualifiedTableName { Self.archive(of: table.plan.from) }

    /// Where cut-over moves `table`.
    static func archive(of plan: QualifiedTableName) -> QualifiedTableName {
        var name = plan.schema + "__" + plan.table
        while name.utf8.count > 63 { name.removeLast() }
        return QualifiedTableName(schema: Self.archiveSchema, table: name)
    }

    var targetColumns: String { table.targets.map { q($0.column) }.joined(separator: ", ") }
    var expressions: String { table.targets.map { "(\($0.expression))" }.joined(separator: ", ") }

    func keyTuple(_ columns: [String], prefix: String) -> String {
        "(" + columns.map { "\(prefix)\(q($0))" }.joined(separator: ", ") + ")"
    }

    /// `(($n::text[])[1]::type1, …)`
    func bound(_ parameter: Int, types: [String]) -> String {
        "(" + types.enumerated().map { index, type in "($\(parameter)::text[])[\(index + 1)]::\(type)" }
            .joined(separator: ", ") + ")"
    }

    var upsertTail: String {
        let nonKey = table.targets.filter { !table.toKey.contains($0.column) }
        let conflict = "ON CONFLICT (" + table.toKey.map(q).joined(separator: ", ") + ")"
        guard !nonKey.isEmpty else { return conflict + " DO NOTHING" }
        return conflict + " DO UPDATE SET " + nonKey.map { "\(q($0.column)) = EXCLUDED.\(q($0.column))" }.joined(separator: ", ")
    }

    // MARK: Before cut-over: old → new

    /// The statements that install the dual write on the old table (idempotent).
    var installForward: [String] {
        let oldKey = keyTuple(table.fromKey, prefix: "OLD.")
        let newKey = keyTuple(table.fromKey, prefix: "NEW.")
        let toKey = keyTuple(table.toKey, prefix: "t.")
        let message = "strata sync \(sync): TRUNCATE of \(table.plan.from) is refused while it is synced"
            .replacingOccurrences(of: "'", with: "''")
        let delete = "DELETE FROM \(to) AS t WHERE \(toKey) = \(oldKey);"
        let upsert = "INSERT INTO \(to) AS t (\(targetColumns)) SELECT \(expressions) FROM (SELECT NEW.*) AS s \(upsertTail);"
        return [
            """
            CREATE OR REPLACE FUNCTION \(forwardFunction)() RETURNS trigger LANGUAGE plpgsql AS $strata$
            #variable_conflict use_column
            BEGIN
                IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND \(oldKey) IS DISTINCT FROM \(newKey)) THEN
                    \(guarded(delete, key: table.fromKey.map { "OLD.\(q($0))::text" }))
                END IF;
                IF TG_OP <> 'DELETE' THEN
                    \(guarded(upsert, key: table.fromKey.map { "NEW.\(q($0))::text" }))
                END IF;
                RETURN NULL;
            END
            $strata$
            """,
            """
            CREATE OR REPLACE FUNCTION \(truncateFunction)() RETURNS trigger LANGUAGE plpgsql AS $strata$
            BEGIN
                RAISE EXCEPTION '\(message)' USING ERRCODE = '55000',
                    HINT = 'finish the sync (strata sync complete) or undo it (strata sync abort) first';
            END
            $strata$
            """,
            "DROP TRIGGER IF EXISTS \(triggerName) ON \(from)",
            "CREATE TRIGGER \(triggerName) AFTER INSERT OR UPDATE OR DELETE ON \(from) FOR EACH ROW EXECUTE FUNCTION \(forwardFunction)()",
            "DROP TRIGGER IF EXISTS \(truncateTriggerName) ON \(from)",
            "CREATE TRIGGER \(truncateTriggerName) BEFORE TRUNCATE ON \(from) FOR EACH STATEMENT EXECUTE FUNCTION \(truncateFunction)()",
        ]
    }

    /// `statement` as it is when the new table has no foreign key; otherwise in a block that, when a foreign key
    /// refuses the mirrored write (the row it depends on is not copied yet), records the key in `sync_pending` for
    /// the copy's catch-up instead of failing the app's write. (Such a block is a subtransaction per row, which is
    /// why it is used only where a foreign key needs it.)
    func guarded(_ statement: String, key: [String]) -> String {
        guard table.to.hasForeignKeys else { return statement }
        let sync = sync.replacingOccurrences(of: "'", with: "''")
        let from = table.plan.from.description.replacingOccurrences(of: "'", with: "''")
        return """
            BEGIN
                        \(statement)
                    EXCEPTION WHEN foreign_key_violation THEN
                        INSERT INTO \(strata).sync_pending (sync, from_table, key)
                        VALUES ('\(sync)', '\(from)', ARRAY[\(key.joined(separator: ", "))]) ON CONFLICT DO NOTHING;
                    END;
            """
    }

    /// Removes the dual write from `relation` (the old table, or its archive).
    func removeForward(on relation: String) -> [String] {
        [
            "DROP TRIGGER IF EXISTS \(triggerName) ON \(relation)",
            "DROP TRIGGER IF EXISTS \(truncateTriggerName) ON \(relation)",
            "DROP FUNCTION IF EXISTS \(forwardFunction)()",
            "DROP FUNCTION IF EXISTS \(truncateFunction)()",
        ]
    }

    /// Checks the mapping without running it: PostgreSQL plans the copy (types, expressions, columns).
    var explainCopy: String {
        "EXPLAIN INSERT INTO \(to) (\(targetColumns)) SELECT \(expressions) FROM \(from) AS s \(upsertTail)"
    }

    /// One copy batch: `$1` the last key copied (left out from the start), `$2` the upper key, `$3` the limit.
    /// The batch's upper edge is the `limit`-th key after the lower bound in a plain scan (or the upper key near the
    /// end), and that edge is the checkpoint: a locking `LIMIT` could skip ahead when a concurrent key change moves
    /// a row to a higher key, so the rows of the range are locked without one. They are locked `FOR KEY SHARE`, so a
    /// concurrent DELETE or key change waits until the copied row is committed and its trigger then removes it; a
    /// row the trigger wrote first is never overwritten.
    func copyBatch(fromStart: Bool) -> String {
        let keys = table.fromKey.map(q).joined(separator: ", ")
        let types = table.fromKeyTypes
        let lower = fromStart ? "" : "(\(keys)) > \(bound(1, types: types)) AND "
        let upper = fromStart ? 1 : 2
        let limit = fromStart ? 2 : 3
        let upperValues = types.enumerated().map { index, type in
            "($\(upper)::text[])[\(index + 1)]::\(type) AS \(q(table.fromKey[index]))"
        }.joined(separator: ", ")
        let selected = table.targets.enumerated().map { index, target in "(\(target.expression)) AS strata_c\(index)" }
        let lastKey = "ARRAY[" + table.fromKey.map { "upto.\(q($0))::text" }.joined(separator: ", ") + "]"
        return """
            WITH edge AS (
                SELECT \(keys) FROM \(from)
                WHERE \(lower)(\(keys)) <= \(bound(upper, types: types))
                ORDER BY \(keys) LIMIT 1 OFFSET $\(limit) - 1
            ), upto AS (
                SELECT \(keys) FROM edge
                UNION ALL SELECT \(upperValues) WHERE NOT EXISTS (SELECT 1 FROM edge)
            ), batch AS (
                SELECT \(selected.joined(separator: ", ")) FROM \(from) AS s
                WHERE \(lower)(\(keys)) <= (SELECT \(keys) FROM upto)
                FOR KEY SHARE
            ), copied AS (
                INSERT INTO \(to) (\(targetColumns))
                SELECT \(table.targets.indices.map { "strata_c\($0)" }.joined(separator: ", ")) FROM batch
                ON CONFLICT (\(table.toKey.map(q).joined(separator: ", "))) DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM batch), (SELECT count(*) FROM copied), \(lastKey) FROM upto
            """
    }

    /// The highest key of the old table now.
    var upperKey: String {
        let keys = table.fromKey.map(q)
        return "SELECT ARRAY[\(keys.map { "\($0)::text" }.joined(separator: ", "))] FROM \(from) ORDER BY \(keys.map { "\($0) DESC" }.joined(separator: ", ")) LIMIT 1"
    }

    // MARK: Comparison

    /// The mapped old row, cast to the new table's types, as the comparison hashes it.
    var oldRowHash: String {
        "md5(ROW(" + table.targets.map { "(\($0.expression))::\($0.type)" }.joined(separator: ", ") + ")::text)"
    }
    var newRowHash: String {
        "md5(ROW(" + table.targets.map { q($0.column) }.joined(separator: ", ") + ")::text)"
    }

    /// `(k1, k2) > $1 AND (k1, k2) <= $2` over `keys` of `types`, each side only when asked (`true` with neither):
    /// `$1` is the lower bound when there is one, the upper bound takes the next parameter.
    func keyRange(_ keys: [String], _ types: [String], lower: Bool, upper: Bool) -> String {
        let tuple = "(" + keys.map(q).joined(separator: ", ") + ")"
        var parts: [String] = []
        if lower { parts.append("\(tuple) > \(bound(1, types: types))") }
        if upper { parts.append("\(tuple) <= \(bound(lower ? 2 : 1, types: types))") }
        return parts.isEmpty ? "true" : parts.joined(separator: " AND ")
    }

    /// Count and hash of the old rows (`source`: the old table or its archive) in a key range; `$1` lower (exclusive)
    /// and `$2` upper (inclusive) bounds as text arrays, each optional per `lower`/`upper`.
    func chunkSummary(source: String, lower: Bool, upper: Bool) -> (old: String, new: String) {
        let fromOrder = table.fromKey.map(q).joined(separator: ", ")
        let toOrder = table.toKey.map(q).joined(separator: ", ")
        return (
            "SELECT count(*), coalesce(md5(string_agg(\(oldRowHash), '' ORDER BY \(fromOrder))), '') FROM \(source) AS s WHERE \(keyRange(table.fromKey, table.fromKeyTypes, lower: lower, upper: upper))",
            "SELECT count(*), coalesce(md5(string_agg(\(newRowHash), '' ORDER BY \(toOrder))), '') FROM \(to) AS s WHERE \(keyRange(table.toKey, table.toKeyTypes, lower: lower, upper: upper))"
        )
    }

    /// The keys (as text arrays) whose rows differ in a range, at most 100.
    func differingKeys(source: String, lower: Bool, upper: Bool) -> String {
        let oldKey = "ARRAY[" + table.fromKey.map { "\(q($0))::text" }.joined(separator: ", ") + "]"
        let newKey = "ARRAY[" + table.toKey.map { "\(q($0))::text" }.joined(separator: ", ") + "]"
        return """
            SELECT coalesce(o.k, n.k) FROM
                (SELECT \(oldKey) AS k, \(oldRowHash) AS h FROM \(source) AS s WHERE \(keyRange(table.fromKey, table.fromKeyTypes, lower: lower, upper: upper))) AS o
                FULL JOIN (SELECT \(newKey) AS k, \(newRowHash) AS h FROM \(to) AS s WHERE \(keyRange(table.toKey, table.toKeyTypes, lower: lower, upper: upper))) AS n
                ON o.k = n.k
            WHERE o.h IS DISTINCT FROM n.h
            ORDER BY 1 LIMIT 100
            """
    }

    /// Every `chunk`-th key of the old table: the upper bounds of the comparison's chunks.
    func chunkEdges(source: String, chunk: Int) -> String {
        let keys = table.fromKey.map(q).joined(separator: ", ")
        let array = "ARRAY[" + table.fromKey.map { "\(q($0))::text" }.joined(separator: ", ") + "]"
        return """
            SELECT k FROM (SELECT \(array) AS k, row_number() OVER (ORDER BY \(keys)) AS n FROM \(source)) AS e
            WHERE n % \(chunk) = 0 ORDER BY n
            """
    }

    /// Copies the row of one key (`$1`) again: upserted from the old table when it is there, removed from the new
    /// one when it is not (never a delete-then-insert, which a foreign key onto the row would refuse).
    var repairKey: [String] {
        let keys = "(" + table.fromKey.map(q).joined(separator: ", ") + ")"
        let toKeys = "(" + table.toKey.map(q).joined(separator: ", ") + ")"
        let oldRow = "\(keys) = \(bound(1, types: table.fromKeyTypes))"
        return [
            "SELECT 1 FROM \(from) WHERE \(oldRow) FOR KEY SHARE",
            "INSERT INTO \(to) AS t (\(targetColumns)) SELECT \(expressions) FROM \(from) AS s WHERE \(oldRow) \(upsertTail)",
            "DELETE FROM \(to) WHERE \(toKeys) = \(bound(1, types: table.toKeyTypes)) AND NOT EXISTS (SELECT 1 FROM \(from) WHERE \(oldRow))",
        ]
    }

    // MARK: Cut-over: the old name reads and writes the new table, which writes back into the archive

    /// The first statements of a cut-over, after the tables are locked and compared: the old table moves to the
    /// archive (with the sequences its columns own) and loses its dual write.
    var archiveOld: [String] {
        [
            "CREATE SCHEMA IF NOT EXISTS \(q(Self.archiveSchema))",
            "ALTER TABLE \(from) RENAME TO \(q(archive.table))",
            "ALTER TABLE \(q(table.plan.from.schema)).\(q(archive.table)) SET SCHEMA \(q(Self.archiveSchema))",
        ] + removeForward(on: archive.quoted)
    }

    /// The old column defaults as the archived table has them now (its sequences moved with it).
    var archivedDefaults: String {
        """
        SELECT a.attname::text, pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d
        JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
        WHERE d.adrelid = to_regclass('\(archive.quoted.replacingOccurrences(of: "'", with: "''"))') AND a.attgenerated = ''
        """
    }

    /// The rest of a cut-over: a view with the old name over the new table (with the old columns' `defaults`), its
    /// INSTEAD OF trigger, and the write-back from the new table into the archive.
    func compatibility(defaults: [String: String]) -> [String] {
        let archived = archive
        let view = table.plan.from.quoted
        let viewColumns = table.viewColumns.map { pair in
            pair.new.map { "s.\(q($0)) AS \(q(pair.old.name))" } ?? "NULL::\(pair.old.type) AS \(q(pair.old.name))"
        }
        let defaultStatements = table.viewColumns.compactMap { pair -> String? in
            guard let expression = defaults[pair.old.name] else { return nil }
            return "ALTER VIEW \(view) ALTER COLUMN \(q(pair.old.name)) SET DEFAULT \(expression)"
        }
        let oldKey = keyTuple(table.fromKey, prefix: "OLD.")
        let toKey = "(" + table.toKey.map(q).joined(separator: ", ") + ")"
        let setList = "(" + targetColumns + ") = (SELECT " + expressions + " FROM (SELECT NEW.*) AS s)"
        // Write-back: the new row's copied-as-is columns into the archived old table.
        let backPairs = table.viewColumns.compactMap { pair in pair.new.map { (old: pair.old.name, new: $0) } }
        let backColumns = backPairs.map { q($0.old) }.joined(separator: ", ")
        let backValues = backPairs.map { "NEW.\(q($0.new))" }.joined(separator: ", ")
        let newKeyOld = "(" + table.toKey.map { "OLD.\(q($0))" }.joined(separator: ", ") + ")"
        let newKeyNew = "(" + table.toKey.map { "NEW.\(q($0))" }.joined(separator: ", ") + ")"
        let archiveKey = "(" + table.fromKey.map(q).joined(separator: ", ") + ")"
        let nonKeyBack = backPairs.filter { !table.fromKey.contains($0.old) }
        let backConflict = "ON CONFLICT " + archiveKey
            + (nonKeyBack.isEmpty ? " DO NOTHING" : " DO UPDATE SET " + nonKeyBack.map { "\(q($0.old)) = EXCLUDED.\(q($0.old))" }.joined(separator: ", "))
        return [
            "CREATE VIEW \(view) AS SELECT \(viewColumns.joined(separator: ", ")) FROM \(to) AS s",
        ] + defaultStatements + [
            """
            CREATE OR REPLACE FUNCTION \(viewFunction)() RETURNS trigger LANGUAGE plpgsql AS $strata$
            #variable_conflict use_column
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO \(to) (\(targetColumns)) SELECT \(expressions) FROM (SELECT NEW.*) AS s;
                    RETURN NEW;
                ELSIF TG_OP = 'UPDATE' THEN
                    UPDATE \(to) SET \(setList) WHERE \(toKey) = \(oldKey);
                    RETURN NEW;
                END IF;
                DELETE FROM \(to) WHERE \(toKey) = \(oldKey);
                RETURN OLD;
            END
            $strata$
            """,
            "CREATE TRIGGER \(triggerName) INSTEAD OF INSERT OR UPDATE OR DELETE ON \(view) FOR EACH ROW EXECUTE FUNCTION \(viewFunction)()",
            """
            CREATE OR REPLACE FUNCTION \(backFunction)() RETURNS trigger LANGUAGE plpgsql AS $strata$
            #variable_conflict use_column
            BEGIN
                IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND \(newKeyOld) IS DISTINCT FROM \(newKeyNew)) THEN
                    DELETE FROM \(archived.quoted) WHERE \(archiveKey) = \(newKeyOld);
                END IF;
                IF TG_OP <> 'DELETE' THEN
                    INSERT INTO \(archived.quoted) (\(backColumns)) VALUES (\(backValues)) \(backConflict);
                END IF;
                RETURN NULL;
            END
            $strata$
            """,
            "CREATE TRIGGER \(triggerName) AFTER INSERT OR UPDATE OR DELETE ON \(to) FOR EACH ROW EXECUTE FUNCTION \(backFunction)()",
        ]
    }

    /// Removes the view and the write-back (complete, or the first half of an abort after cut-over).
    var removeCutover: [String] {
        [
            "DROP VIEW IF EXISTS \(table.plan.from.quoted)",
            "DROP FUNCTION IF EXISTS \(viewFunction)()",
            "DROP TRIGGER IF EXISTS \(triggerName) ON \(to)",
            "DROP FUNCTION IF EXISTS \(backFunction)()",
        ]
    }

    /// The sequences the archived table owns (a `serial` column's) that a column default of the new table uses,
    /// with that column: before the archive is dropped they are handed over, or the drop would fail (and with
    /// CASCADE take the new table's defaults along).
    var sharedSequences: String {
        let archive = archive.quoted.replacingOccurrences(of: "'", with: "''")
        let target = to.replacingOccurrences(of: "'", with: "''")
        return """
            SELECT owned.objid::regclass::text, a.attname::text
            FROM pg_depend owned
            JOIN pg_depend used ON used.refobjid = owned.objid AND used.classid = 'pg_attrdef'::regclass
            JOIN pg_attrdef ad ON ad.oid = used.objid AND ad.adrelid = '\(target)'::regclass
            JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
            WHERE owned.classid = 'pg_class'::regclass AND owned.refobjid = '\(archive)'::regclass AND owned.deptype = 'a'
            """
    }

    /// Puts the archived old table back under its name (abort after cut-over, after ``removeCutover``).
    var restoreArchive: [String] {
        [
            "ALTER TABLE \(archive.quoted) SET SCHEMA \(q(table.plan.from.schema))",
            "ALTER TABLE \(q(table.plan.from.schema)).\(q(archive.table)) RENAME TO \(q(table.plan.from.table))",
        ]
    }
}
