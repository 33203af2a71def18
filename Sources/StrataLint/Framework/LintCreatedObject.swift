/// An object a statement of the file creates, so rules can tell a brand-new (empty, unshared) object from an
/// existing one.
public struct LintCreatedObject: Sendable, Hashable {
    /// The kind of a created object.
    public enum Kind: String, Sendable, Hashable {
        /// `CREATE TABLE`.
        case table
        /// `CREATE INDEX`.
        case index
        /// `CREATE [OR REPLACE] VIEW`.
        case view
        /// `CREATE MATERIALIZED VIEW`.
        case materializedView
        /// `CREATE SEQUENCE`.
        case sequence
        /// `CREATE TYPE`.
        case type
    }

    /// What kind of object.
    public var kind: Kind
    /// Its name.
    public var name: LintObjectName
    /// The statement that creates it.
    public var statement: LintStatement.ID

    /// Creates a record.
    public init(kind: Kind, name: LintObjectName, statement: LintStatement.ID) {
        self.kind = kind
        self.name = name
        self.statement = statement
    }

    /// The object `statement` creates, or nil.
    static func created(by statement: LintStatement) -> LintCreatedObject? {
        guard statement.isWord("create", at: 0) else { return nil }
        if let table = statement.createTable {
            return LintCreatedObject(kind: .table, name: table.name, statement: statement.id)
        }
        if let index = statement.createIndex {
            guard let name = index.name else { return nil }
            return LintCreatedObject(kind: .index, name: name, statement: statement.id)
        }
        var cursor = statement.cursor(at: 1)
        cursor.skip("or", "replace")
        cursor.skip(anyOf: "temp", "temporary")
        cursor.skip("recursive")
        let kind: Kind
        if cursor.skip("view") {
            kind = .view
        } else if cursor.skip("materialized", "view") {
            kind = .materializedView
        } else if cursor.skip("sequence") {
            kind = .sequence
        } else if cursor.skip("type") {
            kind = .type
        } else {
            return nil
        }
        cursor.skip("if", "not", "exists")
        guard let name = cursor.readName() else { return nil }
        return LintCreatedObject(kind: kind, name: name, statement: statement.id)
    }
}
