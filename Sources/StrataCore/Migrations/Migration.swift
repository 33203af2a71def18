import StrataSQL

/// One versioned migration as read from disk: its identity, its SQL sections and the directives that say how to run it.
public struct Migration: Sendable, Hashable {
    /// The version, from the leading digits of the file name.
    public var version: MigrationVersion
    /// The human name, from the rest of the file name (`add_v2_columns`).
    public var name: String
    /// The file's path, as shown to the user in messages.
    public var path: String
    /// The SQL that applies the migration.
    public var up: MigrationSection
    /// The SQL that reverts it; `nil` when the file has no down section.
    public var down: MigrationSection?
    /// Queries that must succeed after `up` for the migration to be kept (they run in the same transaction).
    public var verify: MigrationSection?
    /// How the migration is run: in one transaction (the default) or statement by statement.
    public var transactionMode: TransactionMode
    /// `SET lock_timeout` for this migration, from `-- strata:lock-timeout`.
    public var lockTimeout: TimeoutValue?
    /// `SET statement_timeout` for this migration, from `-- strata:statement-timeout`.
    public var statementTimeout: TimeoutValue?
    /// Extensions the migration needs, from `-- strata:require extension=NAME else=skip|fail`.
    public var requirements: [ExtensionRequirement]
    /// Every `-- strata:` directive in the file, including ones other tools (lint) read.
    public var directives: [SQLDirective]
    /// SHA-256 of the file's text (BOM removed, CRLF turned into LF), lowercase hex.
    public var checksum: String

    /// The path of the file holding the down section: the paired down file for two-file formats, else `path`.
    public var downPath: String { down?.filePath(in: path) ?? path }

    /// Creates a migration.
    public init(
        version: MigrationVersion, name: String, path: String, up: MigrationSection, down: MigrationSection? = nil,
        verify: MigrationSection? = nil, transactionMode: TransactionMode = .transactional,
        lockTimeout: TimeoutValue? = nil, statementTimeout: TimeoutValue? = nil,
        requirements: [ExtensionRequirement] = [], directives: [SQLDirective] = [], checksum: String
    ) {
        self.version = version
        self.name = name
        self.path = path
        self.up = up
        self.down = down
        self.verify = verify
        self.transactionMode = transactionMode
        self.lockTimeout = lockTimeout
        self.statementTimeout = statementTimeout
        self.requirements = requirements
        self.directives = directives
        self.checksum = checksum
    }
}

/// A run of SQL inside a migration file, with the file position where it starts so errors can name file:line:column.
public struct MigrationSection: Sendable, Hashable {
    /// The SQL text of the section.
    public var sql: String
    /// Where the section's text starts in its file.
    public var origin: SourcePosition
    /// The file holding the section when it is not the migration's own file (golang-migrate's `.down.sql`, Diesel's
    /// `down.sql`); nil for a section of the migration's file. Positions in `origin` and the statements refer to it.
    public var path: String?

    /// Creates a section; `path` names its file when that is not the migration's file.
    public init(sql: String, origin: SourcePosition, path: String? = nil) {
        self.sql = sql
        self.origin = origin
        self.path = path
    }

    /// The path of the file holding the section: its own `path`, else `migrationPath`.
    public func filePath(in migrationPath: String) -> String {
        path ?? migrationPath
    }

    /// The section's statements, split by the lexer, with file positions. A syntax error names the section's own
    /// file when it has one, else `path` (the migration's file).
    public func statements(path: String) throws(StrataError) -> [SQLStatement] {
        do {
            return try StatementSplitter.split(sql, origin: origin)
        } catch {
            throw StrataError(
                .sqlSyntax, error.message,
                location: FileLocation(
                    path: filePath(in: path), line: error.position.line, column: error.position.column))
        }
    }

    /// True when the section holds nothing but whitespace and comments.
    public var isEmpty: Bool {
        guard let statements = try? StatementSplitter.split(sql) else { return false }
        return statements.isEmpty
    }
}

/// Whether a migration runs in one transaction with its history row, or statement by statement.
public enum TransactionMode: String, Sendable, Hashable {
    /// The whole file, its verify section and its history row commit together (the default).
    case transactional
    /// Each statement commits on its own (`-- strata:no-transaction`), for `CREATE INDEX CONCURRENTLY` and the like.
    case nonTransactional = "no-transaction"
}

/// A precondition on a PostgreSQL extension, and what to do when it cannot be created.
public struct ExtensionRequirement: Sendable, Hashable {
    /// What to do when the extension cannot be created.
    public enum Fallback: String, Sendable, Hashable {
        /// Record the migration as skipped; a later `migrate` retries it once the extension is available.
        case skip
        /// Stop with a clear error.
        case fail
    }

    /// The extension's name, e.g. `vector`.
    public var extensionName: String
    /// What to do when it cannot be created.
    public var fallback: Fallback

    /// Creates a requirement.
    public init(extensionName: String, fallback: Fallback) {
        self.extensionName = extensionName
        self.fallback = fallback
    }
}
