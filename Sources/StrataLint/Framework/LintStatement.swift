import StrataSQL

/// The part of a migration file a statement belongs to.
public enum LintSection: String, Sendable, Hashable, CaseIterable, Codable {
    /// The SQL that applies the migration.
    case up
    /// The SQL that reverts it.
    case down
}

/// One statement of a file as rules see it: the lexer's statement, its significant tokens (no whitespace or
/// comments), and the common statement shapes already read (`createIndex`, `alterTable`, …). All of it is computed
/// once per file, so no rule filters tokens, re-lexes or re-parses. Pattern helpers come from `TokenPatternMatching`.
///
/// A class, so that rules iterating statements share one instance instead of copying its arrays; it is immutable.
public final class LintStatement: Sendable, TokenPatternMatching {
    /// Identifies a statement inside its file: the section and the index within that section.
    public struct ID: Sendable, Hashable, Comparable, Codable {
        /// The section holding the statement.
        public var section: LintSection
        /// The statement's index in its section, from 0.
        public var index: Int

        /// Creates an id.
        public init(section: LintSection, index: Int) {
            self.section = section
            self.index = index
        }

        /// Up statements before down statements, then by index.
        public static func < (lhs: ID, rhs: ID) -> Bool {
            if lhs.section != rhs.section { return lhs.section == .up }
            return lhs.index < rhs.index
        }
    }

    /// Where the statement is in its file.
    public let id: ID
    /// The statement as the splitter produced it (text, all tokens, leading comments, file positions).
    public let statement: SQLStatement
    /// The statement's significant tokens: no whitespace, no comments.
    public let tokens: [Token]
    /// The statement read as `CREATE INDEX`, or nil.
    package let createIndex: CreateIndexStatement?
    /// The statement read as `DROP INDEX`, or nil.
    package let dropIndex: DropIndexStatement?
    /// The statement read as `ALTER TABLE`, or nil.
    package let alterTable: AlterTableStatement?
    /// The statement read as `CREATE TABLE`, or nil.
    package let createTable: CreateTableStatement?

    /// Wraps a statement of the splitter and reads its shape.
    public init(_ statement: SQLStatement, id: ID) {
        self.id = id
        self.statement = statement
        let tokens = statement.significantTokens
        self.tokens = tokens
        let first = tokens.first.flatMap { $0.kind == .word ? $0.normalized : nil }
        let view = TokenSpan(
            tokens: tokens, range: 0..<tokens.count, statementText: statement.text,
            statementTextOffset: statement.start.offset)
        switch first {
        case "create":
            createIndex = CreateIndexStatement(view)
            createTable = createIndex == nil ? CreateTableStatement(view) : nil
            dropIndex = nil
            alterTable = nil
        case "drop":
            dropIndex = DropIndexStatement(view)
            createIndex = nil
            createTable = nil
            alterTable = nil
        case "alter":
            alterTable = AlterTableStatement(view)
            createIndex = nil
            createTable = nil
            dropIndex = nil
        default:
            createIndex = nil
            createTable = nil
            dropIndex = nil
            alterTable = nil
        }
    }

    /// All significant tokens.
    public var range: Range<Int> { 0..<tokens.count }
    /// The section holding the statement.
    public var section: LintSection { id.section }
    /// The statement's index in its section.
    public var index: Int { id.index }
    /// Where the statement starts in its file.
    public var start: SourcePosition { statement.start }
    /// The statement's SQL text.
    public var text: String { statement.text }
    /// The statement's whole-line and block comments that precede it.
    public var leadingComments: [Token] { statement.leadingComments }
}
