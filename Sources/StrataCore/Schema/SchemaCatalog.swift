/// What `strata docs` describes: the user's objects of a database (Strata's own schema, system schemas and
/// extension members left out), read from the catalog by `CatalogReader` and rendered by ``SchemaDocs``.
/// Every list is in a stable order (schema, then name), so the same database renders the same bytes.
public struct SchemaCatalog: Sendable, Equatable {
    /// Tables and partitioned tables.
    public var tables: [Table]
    /// Views and materialized views.
    public var views: [View]
    /// Functions and procedures.
    public var functions: [Function]
    /// Installed extensions with their versions.
    public var extensions: [Extension]

    /// Creates a catalog.
    public init(tables: [Table], views: [View] = [], functions: [Function] = [], extensions: [Extension] = []) {
        self.tables = tables
        self.views = views
        self.functions = functions
        self.extensions = extensions
    }

    /// A table with what hangs off it.
    public struct Table: Sendable, Equatable {
        /// Its schema.
        public var schema: String
        /// Its name.
        public var name: String
        /// `COMMENT ON TABLE`, if any.
        public var comment: String?
        /// Whether it is a partitioned table.
        public var partitioned: Bool
        /// Whether row-level security is enabled.
        public var rowLevelSecurity: Bool
        /// Columns in their order.
        public var columns: [Column]
        /// Constraints, by kind then name.
        public var constraints: [Constraint]
        /// Indexes, by name.
        public var indexes: [Index]
        /// Triggers (not internal ones), by name.
        public var triggers: [Trigger]
        /// Row-level security policies, by name.
        public var policies: [Policy]

        /// Creates a table.
        public init(
            schema: String, name: String, comment: String? = nil, partitioned: Bool = false,
            rowLevelSecurity: Bool = false, columns: [Column] = [], constraints: [Constraint] = [],
            indexes: [Index] = [], triggers: [Trigger] = [], policies: [Policy] = []
        ) {
            self.schema = schema
            self.name = name
            self.comment = comment
            self.partitioned = partitioned
            self.rowLevelSecurity = rowLevelSecurity
            self.columns = columns
            self.constraints = constraints
            self.indexes = indexes
            self.triggers = triggers
            self.policies = policies
        }

        /// `schema.name`.
        public var qualifiedName: String { schema + "." + name }
    }

    /// A column.
    public struct Column: Sendable, Equatable {
        /// Its name.
        public var name: String
        /// Its type as `format_type` spells it.
        public var type: String
        /// Whether NULL is allowed.
        public var nullable: Bool
        /// The default expression, or how it is generated (identity, stored expression).
        public var defaultValue: String?
        /// `COMMENT ON COLUMN`, if any.
        public var comment: String?

        /// Creates a column.
        public init(name: String, type: String, nullable: Bool, defaultValue: String? = nil, comment: String? = nil) {
            self.name = name
            self.type = type
            self.nullable = nullable
            self.defaultValue = defaultValue
            self.comment = comment
        }
    }

    /// A table constraint.
    public struct Constraint: Sendable, Equatable {
        /// The kind of constraint.
        public enum Kind: String, Sendable, Equatable, CaseIterable {
            /// PRIMARY KEY.
            case primaryKey = "p"
            /// UNIQUE.
            case unique = "u"
            /// CHECK.
            case check = "c"
            /// FOREIGN KEY.
            case foreignKey = "f"
            /// EXCLUDE.
            case exclusion = "x"
            /// NOT NULL constraints (PostgreSQL 18 records them).
            case notNull = "n"
            /// A constraint trigger.
            case trigger = "t"

            /// `primary key`, `foreign key`, …
            public var title: String {
                switch self {
                case .primaryKey: "primary key"
                case .unique: "unique"
                case .check: "check"
                case .foreignKey: "foreign key"
                case .exclusion: "exclusion"
                case .notNull: "not null"
                case .trigger: "constraint trigger"
                }
            }
        }

        /// Its name.
        public var name: String
        /// Its kind.
        public var kind: Kind
        /// `pg_get_constraintdef`, e.g. `FOREIGN KEY (artist_id) REFERENCES artists(id) ON DELETE CASCADE`.
        public var definition: String
        /// For a foreign key, the referenced table as `schema.name`.
        public var references: String?

        /// Creates a constraint.
        public init(name: String, kind: Kind, definition: String, references: String? = nil) {
            self.name = name
            self.kind = kind
            self.definition = definition
            self.references = references
        }
    }

    /// An index.
    public struct Index: Sendable, Equatable {
        /// Its name.
        public var name: String
        /// The access method: `btree`, `gin`, `hnsw`, …
        public var method: String
        /// `pg_get_indexdef`.
        public var definition: String
        /// Its size on disk in bytes.
        public var sizeBytes: Int
        /// Whether it is unique.
        public var unique: Bool
        /// Whether it backs the primary key.
        public var primary: Bool

        /// Creates an index.
        public init(name: String, method: String, definition: String, sizeBytes: Int, unique: Bool, primary: Bool) {
            self.name = name
            self.method = method
            self.definition = definition
            self.sizeBytes = sizeBytes
            self.unique = unique
            self.primary = primary
        }
    }

    /// A trigger.
    public struct Trigger: Sendable, Equatable {
        /// Its name.
        public var name: String
        /// `pg_get_triggerdef`.
        public var definition: String

        /// Creates a trigger.
        public init(name: String, definition: String) {
            self.name = name
            self.definition = definition
        }
    }

    /// A row-level security policy.
    public struct Policy: Sendable, Equatable {
        /// Its name.
        public var name: String
        /// `ALL`, `SELECT`, `INSERT`, `UPDATE` or `DELETE`.
        public var command: String
        /// Whether it is permissive (else restrictive).
        public var permissive: Bool
        /// The roles it applies to (`public` for all).
        public var roles: [String]
        /// The USING expression.
        public var using: String?
        /// The WITH CHECK expression.
        public var withCheck: String?

        /// Creates a policy.
        public init(name: String, command: String, permissive: Bool, roles: [String], using: String?, withCheck: String?) {
            self.name = name
            self.command = command
            self.permissive = permissive
            self.roles = roles
            self.using = using
            self.withCheck = withCheck
        }
    }

    /// A view or materialized view.
    public struct View: Sendable, Equatable {
        /// Its schema.
        public var schema: String
        /// Its name.
        public var name: String
        /// Whether it is materialized.
        public var materialized: Bool
        /// `COMMENT ON VIEW`, if any.
        public var comment: String?

        /// Creates a view.
        public init(schema: String, name: String, materialized: Bool, comment: String? = nil) {
            self.schema = schema
            self.name = name
            self.materialized = materialized
            self.comment = comment
        }
    }

    /// A function or procedure.
    public struct Function: Sendable, Equatable {
        /// Its schema.
        public var schema: String
        /// Its name.
        public var name: String
        /// Its identity arguments, e.g. `user_id uuid`.
        public var arguments: String
        /// What it returns (`nil` for a procedure).
        public var result: String?
        /// Its language: `plpgsql`, `sql`, …
        public var language: String

        /// Creates a function.
        public init(schema: String, name: String, arguments: String, result: String?, language: String) {
            self.schema = schema
            self.name = name
            self.arguments = arguments
            self.result = result
            self.language = language
        }
    }

    /// An installed extension.
    public struct Extension: Sendable, Equatable {
        /// Its name.
        public var name: String
        /// Its installed version.
        public var version: String

        /// Creates an extension.
        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }
}
