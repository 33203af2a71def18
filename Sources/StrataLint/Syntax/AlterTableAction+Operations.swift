/// Readers for the `ALTER TABLE` actions the lock and operation rules look at: renames, type changes, partition
/// detaching, dropped `NOT NULL`.
extension AlterTableAction {
    /// `RENAME [COLUMN] old TO new`: the old and new names and the index of the `RENAME` keyword; nil for other
    /// actions (including `RENAME TO` and `RENAME CONSTRAINT`).
    package var renamedColumn: (from: String, to: String, renameIndex: Int)? {
        var cursor = cursor()
        let renameIndex = cursor.index
        guard cursor.skip("rename"), !cursor.isAt("to"), !cursor.isAt("constraint") else { return nil }
        cursor.skip("column")
        guard let from = cursor.readIdentifier(), cursor.skip("to"), let to = cursor.readIdentifier() else {
            return nil
        }
        return (from, to, renameIndex)
    }

    /// `RENAME TO new`: the table's new name and the index of the `RENAME` keyword; nil for other actions.
    package var renamedTable: (to: String, renameIndex: Int)? {
        var cursor = cursor()
        let renameIndex = cursor.index
        guard cursor.skip("rename", "to"), let to = cursor.readIdentifier() else { return nil }
        return (to, renameIndex)
    }

    /// `ALTER [COLUMN] name [SET DATA] TYPE type [COLLATE …] [USING expr]`: the column, the index of the `TYPE`
    /// keyword and the new type's tokens (up to `COLLATE` or `USING`); nil for other actions.
    package var changedColumnType: (column: String, typeIndex: Int, type: TokenSpan)? {
        guard let altered = alteredColumn else { return nil }
        var cursor = altered.rest.cursor()
        cursor.skip("set", "data")
        let typeIndex = cursor.index
        guard cursor.skip("type") else { return nil }
        let start = cursor.index
        var end = start
        while end < altered.rest.endIndex, !altered.rest.isWord("collate", at: end),
            !altered.rest.isWord("using", at: end)
        {
            end += 1
        }
        return (altered.name, typeIndex, altered.rest.span(start..<end))
    }

    /// `ALTER [COLUMN] name DROP NOT NULL`: the column and the index of `DROP`; nil for other actions.
    package var droppedNotNull: (column: String, dropIndex: Int)? {
        guard let altered = alteredColumn, altered.rest.starts(with: "drop", "not", "null") else { return nil }
        return (altered.name, altered.rest.startIndex)
    }

    /// `ALTER [COLUMN] name SET NOT NULL`: the column; nil for other actions.
    package var setNotNullColumn: String? {
        guard let altered = alteredColumn, altered.rest.starts(with: "set", "not", "null") else { return nil }
        return altered.name
    }

    /// `DETACH PARTITION name [CONCURRENTLY | FINALIZE]`: the partition, whether `CONCURRENTLY` or `FINALIZE` is
    /// present, and the index of `DETACH`; nil for other actions.
    package var detachedPartition: (partition: LintObjectName, isConcurrent: Bool, isFinalize: Bool, detachIndex: Int)? {
        var cursor = cursor()
        let detachIndex = cursor.index
        guard cursor.skip("detach", "partition"), let partition = cursor.readName() else { return nil }
        let isConcurrent = cursor.skip("concurrently")
        let isFinalize = cursor.skip("finalize")
        return (partition, isConcurrent, isFinalize, detachIndex)
    }
}
