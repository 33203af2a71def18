import StrataSQL

/// A column type reduced to the built-in it denotes, so type rules need not know PostgreSQL's spellings:
/// `int`, `integer`, `int4` and `pg_catalog.int4` are all `.integer`; `character varying(20)` is `.varchar` with a
/// length.
package struct ColumnTypeName: Sendable, Hashable {
    /// The built-in types the type rules look at; every other type is `.other`.
    package enum Base: String, Sendable, Hashable {
        /// `smallint`, `int2`.
        case smallint
        /// `integer`, `int`, `int4`.
        case integer
        /// `bigint`, `int8`.
        case bigint
        /// `smallserial`, `serial2`.
        case smallserial
        /// `serial`, `serial4`.
        case serial
        /// `bigserial`, `serial8`.
        case bigserial
        /// `character(n)`, `char(n)`, `bpchar` (blank-padded), not the one-byte internal `"char"`.
        case character
        /// `character varying(n)`, `varchar(n)`.
        case varchar
        /// `timestamp`, `timestamp without time zone`.
        case timestamp
        /// `timestamptz`, `timestamp with time zone`.
        case timestamptz
        /// `json`.
        case json
        /// `jsonb`.
        case jsonb
        /// Any other type.
        case other
    }

    /// The built-in the type denotes.
    package var base: Base
    /// The type's words as written (lower case, see `ColumnDefinition.typeName`).
    package var spelling: String
    /// The type has a modifier in parentheses (`varchar(20)`, `timestamp(3)`).
    package var hasModifier: Bool
    /// The type is an array.
    package var isArray: Bool
    /// The index of the type's first token, where violations point.
    package var tokenIndex: Int
    /// The type exactly as written (`varchar(20)`, `timestamp without time zone`, `int[]`).
    package var text: String

    /// Spellings (as `ColumnDefinition.typeName` gives them) of the built-ins, by base type.
    static let bases: [String: Base] = [
        "smallint": .smallint, "int2": .smallint,
        "int": .integer, "integer": .integer, "int4": .integer,
        "bigint": .bigint, "int8": .bigint,
        "smallserial": .smallserial, "serial2": .smallserial,
        "serial": .serial, "serial4": .serial,
        "bigserial": .bigserial, "serial8": .bigserial,
        "char": .character, "character": .character, "bpchar": .character, "nchar": .character,
        "national char": .character, "national character": .character,
        "varchar": .varchar, "character varying": .varchar, "char varying": .varchar,
        "national character varying": .varchar, "national char varying": .varchar, "nchar varying": .varchar,
        "timestamp": .timestamp, "timestamp without time zone": .timestamp,
        "timestamptz": .timestamptz, "timestamp with time zone": .timestamptz,
        "json": .json, "jsonb": .jsonb,
    ]

    /// Reads the type of `column`.
    package init(_ column: ColumnDefinition) {
        let type = column.type
        spelling = column.typeName
        isArray = column.isArray
        tokenIndex = type.isEmpty ? column.nameIndex : type.startIndex
        hasModifier = type.firstIndex(of: ["("]) != nil
        text = type.sourceText
        // A quoted "char" is PostgreSQL's internal one-byte type, not character(1).
        if let first = type.token(at: type.startIndex), first.kind == .quotedIdentifier, first.normalized == "char" {
            base = .other
        } else {
            base = Self.bases[column.typeName] ?? .other
        }
    }
}

/// A column whose type a statement chooses: one of `CREATE TABLE (…)`'s columns, or the column of
/// `ALTER TABLE … ADD COLUMN`.
package struct DeclaredColumn: Sendable {
    /// The statement declaring the column.
    package var statement: LintStatement
    /// The table the column belongs to.
    package var table: LintObjectName
    /// The column's definition.
    package var column: ColumnDefinition
    /// The column's type.
    package var type: ColumnTypeName
    /// The column is added to an existing table (`ALTER TABLE … ADD COLUMN`) rather than declared by `CREATE TABLE`.
    package var isAdded: Bool

    /// The column and type as they read in a message: `column "id" of "orders" is integer`.
    package var subject: String {
        "column \"\(column.name)\" of \(table) is \(type.text)"
    }
}

extension LintFile {
    /// Every column declared by `CREATE TABLE` or added by `ALTER TABLE … ADD COLUMN`, in statement order (up,
    /// then down).
    package var declaredColumns: [DeclaredColumn] {
        var columns: [DeclaredColumn] = []
        for statement in statements {
            if let create = statement.createTable {
                for column in create.columns {
                    columns.append(
                        DeclaredColumn(
                            statement: statement, table: create.name, column: column, type: ColumnTypeName(column),
                            isAdded: false))
                }
            } else if let alter = statement.alterTable {
                for action in alter.actions {
                    guard let column = action.addedColumn else { continue }
                    columns.append(
                        DeclaredColumn(
                            statement: statement, table: alter.table, column: column, type: ColumnTypeName(column),
                            isAdded: true))
                }
            }
        }
        return columns
    }
}
