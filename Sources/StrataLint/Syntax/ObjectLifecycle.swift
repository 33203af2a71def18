/// The schema objects whose creation a down section is expected to undo, and the statements that remove or rename
/// them, read from a statement's tokens (for `down-does-not-revert-up`).
enum ObjectLifecycle {
    /// The kinds of object tracked.
    enum Kind: String, Sendable, Hashable {
        case table, index, view, sequence, type, function, `extension`, schema
        case materializedView = "materialized view"
    }

    /// An object a `CREATE` statement makes.
    struct Created: Sendable {
        var kind: Kind
        /// The object's name; nil for an index created without one.
        var name: LintObjectName?
        /// The object whose drop takes this one with it without `CASCADE`: an index's table, a partition's parent,
        /// the table owning a sequence (`OWNED BY t.col`).
        var owner: LintObjectName?
        /// `IF NOT EXISTS`: the object may have existed before the migration.
        var isConditional: Bool
        /// `CREATE OR REPLACE`: the statement may replace an existing definition.
        var isReplacement: Bool
        /// Every identifier of the creating statement, to guess what the object depends on.
        var references: Set<String>
        /// For an index: the identifiers from its key list to the statement's end (columns, expressions, the
        /// partial index's `WHERE`), so a dropped column that takes the index with it is recognised.
        var keyIdentifiers: Set<String> = []
    }

    /// A `DROP` statement.
    struct Drop: Sendable {
        var kind: Kind
        var names: [LintObjectName]
        var isCascade: Bool
    }

    /// Statement words naming the kinds, after `CREATE` / `DROP` / `ALTER`.
    private static let kindWords: [String: Kind] = [
        "table": .table, "index": .index, "view": .view, "sequence": .sequence, "type": .type,
        "function": .function, "procedure": .function, "routine": .function, "extension": .extension,
        "schema": .schema,
    ]

    /// The object `statement` creates, or nil (also for temporary objects, which disappear with the session).
    static func created(by statement: LintStatement) -> Created? {
        guard statement.isWord("create", at: 0) else { return nil }
        let references = Set(statement.range.compactMap { statement.identifier(at: $0) })
        if let table = statement.createTable {
            guard !table.isTemporary else { return nil }
            var owner: LintObjectName?
            if let partition = statement.firstIndex(of: ["partition", "of"], topLevelOnly: true) {
                var cursor = statement.cursor(at: partition + 2)
                owner = cursor.readName()
            }
            return Created(
                kind: .table, name: table.name, owner: owner, isConditional: table.ifNotExists, isReplacement: false,
                references: references)
        }
        if let index = statement.createIndex {
            let keyStart = index.keys?.startIndex ?? statement.range.upperBound
            return Created(
                kind: .index, name: index.name, owner: index.table, isConditional: index.ifNotExists,
                isReplacement: false, references: references,
                keyIdentifiers: Set((keyStart..<statement.range.upperBound).compactMap { statement.identifier(at: $0) }))
        }
        var cursor = statement.cursor(at: 1)
        let isReplacement = cursor.skip("or", "replace")
        if cursor.skip(anyOf: "temp", "temporary") != nil { return nil }
        cursor.skip("unlogged")
        cursor.skip("recursive")
        let kind: Kind
        if cursor.skip("materialized", "view") {
            kind = .materializedView
        } else if let word = cursor.word, let named = kindWords[word], named != .table, named != .index {
            cursor.advance()
            kind = named
        } else {
            return nil
        }
        let isConditional = cursor.skip("if", "not", "exists")
        let name: LintObjectName?
        if kind == .schema, cursor.skip("authorization") {
            // CREATE SCHEMA AUTHORIZATION role: the schema is named after the role.
            name = cursor.readName()
        } else {
            name = cursor.readName()
        }
        guard let name else { return nil }
        var owner: LintObjectName?
        if kind == .sequence, let ownedBy = statement.firstIndex(of: ["owned", "by"]) {
            var cursor = statement.cursor(at: ownedBy + 2)
            if let column = cursor.readName(), let table = column.schema { owner = LintObjectName(name: table) }
        }
        return Created(
            kind: kind, name: name, owner: owner, isConditional: isConditional, isReplacement: isReplacement,
            references: references)
    }

    /// The `DROP` of a tracked kind that `statement` is, or nil.
    static func drop(in statement: LintStatement) -> Drop? {
        var cursor = statement.cursor()
        guard cursor.skip("drop") else { return nil }
        let kind: Kind
        if cursor.skip("materialized", "view") {
            kind = .materializedView
        } else if let word = cursor.word, let named = kindWords[word] {
            cursor.advance()
            kind = named
        } else {
            return nil
        }
        cursor.skip("concurrently")
        cursor.skip("if", "exists")
        var names: [LintObjectName] = []
        while let name = cursor.readName() {
            names.append(name)
            _ = cursor.readParenthesized()  // a function's argument types
            guard cursor.skip(",") else { break }
        }
        return Drop(kind: kind, names: names, isCascade: cursor.skip("cascade"))
    }

    /// The constraints `ALTER TABLE … DROP CONSTRAINT name` drops (an index promoted to a constraint goes with it),
    /// with the table.
    static func droppedConstraints(in statement: LintStatement) -> (table: LintObjectName, names: [String])? {
        guard let alter = statement.alterTable else { return nil }
        let names = alter.actions.compactMap { action -> String? in
            var cursor = action.cursor()
            guard cursor.skip("drop", "constraint") else { return nil }
            cursor.skip("if", "exists")
            return cursor.readIdentifier()
        }
        return names.isEmpty ? nil : (alter.table, names)
    }

    /// The new name `statement` gives `object`, or nil when it does not rename it: `ALTER <kind> name RENAME TO
    /// new`, and `ALTER TABLE … ADD CONSTRAINT c … USING INDEX name`, which renames the index to `c`.
    static func newName(of object: Created, in statement: LintStatement) -> LintObjectName? {
        guard let name = object.name, statement.isWord("alter", at: 0) else { return nil }
        if object.kind == .index, let alter = statement.alterTable {
            for action in alter.actions {
                guard let constraint = action.addedConstraint, let constraintName = constraint.name,
                    let using = action.firstIndex(of: ["using", "index"], topLevelOnly: true),
                    action.identifier(at: using + 2) == name.name
                else { continue }
                return LintObjectName(schema: name.schema, name: constraintName, tokenIndex: name.tokenIndex)
            }
        }
        var cursor = statement.cursor(at: 1)
        let kind: Kind
        if cursor.skip("materialized", "view") {
            kind = .materializedView
        } else if let word = cursor.word, let named = kindWords[word] {
            cursor.advance()
            kind = named
        } else {
            return nil
        }
        // ALTER TABLE / INDEX / VIEW / SEQUENCE can rename any relation; other kinds only their own.
        let relations: Set<Kind> = [.table, .index, .view, .materializedView, .sequence]
        guard kind == object.kind || (relations.contains(kind) && relations.contains(object.kind)) else { return nil }
        cursor.skip("if", "exists")
        guard let renamed = cursor.readName(), renamed.matches(name), cursor.skip("rename", "to"),
            let new = cursor.readIdentifier()
        else { return nil }
        return LintObjectName(schema: name.schema, name: new, tokenIndex: name.tokenIndex)
    }

    /// True when `statement` removes `object`: drops it, drops its owner, drops its schema with `CASCADE`, drops
    /// with `CASCADE` something a view or index refers to, drops the constraint an index became, or drops a column
    /// an index uses.
    static func removes(_ object: Created, in statement: LintStatement) -> Bool {
        if let drop = drop(in: statement) {
            if let name = object.name, drop.kind == object.kind, drop.names.contains(where: { $0.matches(name) }) {
                return true
            }
            // An index goes with its table or materialized view; a partition or owned sequence with its table.
            let ownerKinds: Set<Kind> = object.kind == .index ? [.table, .materializedView] : [.table]
            if let owner = object.owner, ownerKinds.contains(drop.kind), drop.names.contains(where: { $0.matches(owner) }) {
                return true
            }
            guard drop.isCascade else { return false }
            if drop.kind == .schema, let schema = object.name?.schema, drop.names.contains(where: { $0.name == schema })
            {
                return true
            }
            let dependents: Set<Kind> = [.view, .materializedView, .index]
            return dependents.contains(object.kind)
                && drop.names.contains { $0.name != object.name?.name && object.references.contains($0.name) }
        }
        if object.kind == .index, let name = object.name, let dropped = droppedConstraints(in: statement) {
            return dropped.names.contains(name.name) && (object.owner.map { dropped.table.matches($0) } ?? true)
        }
        // ALTER TABLE … DROP COLUMN drops every index that uses the column.
        if object.kind == .index, let owner = object.owner, let alter = statement.alterTable, alter.table.matches(owner),
            alter.actions.contains(where: { $0.droppedColumn.map { object.keyIdentifiers.contains($0.name) } ?? false })
        {
            return true
        }
        return false
    }

    /// True when `statement` is a `CREATE OR REPLACE` of `object` (restoring an earlier definition).
    static func recreates(_ object: Created, in statement: LintStatement) -> Bool {
        guard let name = object.name, let created = created(by: statement), created.isReplacement,
            created.kind == object.kind, let other = created.name
        else { return false }
        return other.matches(name)
    }
}
