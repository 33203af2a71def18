/// A table's name as the catalog resolves it: `schema.name`, the schema nil when a statement left it to the
/// search path.
public struct RelationName: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    /// The schema, when known.
    public var schema: String?
    /// The table's own name.
    public var name: String

    /// Creates a name.
    public init(schema: String? = nil, name: String) {
        self.schema = schema
        self.name = name
    }

    /// True when both names can denote the same table (`users` matches `public.users`).
    public func matches(_ other: RelationName) -> Bool {
        guard name == other.name else { return false }
        guard let schema, let otherSchema = other.schema else { return true }
        return schema == otherSchema
    }

    /// `schema.name` or `name`.
    public var description: String { schema.map { "\($0).\(name)" } ?? name }

    /// By description.
    public static func < (lhs: RelationName, rhs: RelationName) -> Bool { lhs.description < rhs.description }
}

/// The heavy work a statement does on a table while it holds its lock.
public enum TableWork: String, Sendable, Hashable, Codable {
    /// Catalog only: instant once the lock is granted.
    case none
    /// Reads every row (`SET NOT NULL`, validating a constraint, a table-wide `UPDATE`).
    case scan
    /// Writes a new copy of the table and its indexes (a type change, a volatile default, `VACUUM FULL`).
    case rewrite
    /// Reads every row and sorts them into a new index.
    case indexBuild = "index-build"
}

/// What one statement does to one table: the lock it takes, the work it does under it, and why.
public struct TableTouch: Sendable, Hashable, Codable {
    /// The table.
    public var table: RelationName
    /// The lock mode the statement takes on it.
    public var lock: LockMode
    /// The work done while the lock is held.
    public var work: TableWork
    /// Why, in a few words (`ALTER COLUMN … TYPE rewrites the table`).
    public var reason: String
    /// The table is created earlier in the same file or by an earlier pending migration: nobody else uses it yet.
    public var isNew: Bool

    /// Creates a touch.
    public init(table: RelationName, lock: LockMode, work: TableWork, reason: String, isNew: Bool = false) {
        self.table = table
        self.lock = lock
        self.work = work
        self.reason = reason
        self.isNew = isNew
    }
}

/// One statement of a pending migration as preflight sees it.
public struct PlannedStatement: Sendable, Hashable, Codable {
    /// The statement's index in the up section, from 0.
    public var index: Int
    /// Its line in the file.
    public var line: Int
    /// Its first words (`ALTER TABLE accounts`), never the whole text.
    public var summary: String
    /// The tables it locks.
    public var touches: [TableTouch]

    /// Creates a statement.
    public init(index: Int, line: Int, summary: String, touches: [TableTouch]) {
        self.index = index
        self.line = line
        self.summary = summary
        self.touches = touches
    }
}

/// A pending migration as preflight sees it.
public struct PlannedMigration: Sendable, Hashable {
    /// Its version.
    public var version: String
    /// Its name.
    public var name: String
    /// It runs in one transaction, so every lock is held until its commit.
    public var isTransactional: Bool
    /// Its up statements.
    public var statements: [PlannedStatement]

    /// Creates a migration.
    public init(version: String, name: String, isTransactional: Bool, statements: [PlannedStatement]) {
        self.version = version
        self.name = name
        self.isTransactional = isTransactional
        self.statements = statements
    }

    /// Every table the migration locks, new ones included, in order of first appearance.
    public var tables: [RelationName] {
        var seen: [RelationName] = []
        for touch in statements.flatMap(\.touches) where !seen.contains(touch.table) { seen.append(touch.table) }
        return seen
    }
}
