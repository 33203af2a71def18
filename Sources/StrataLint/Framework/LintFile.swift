import StrataSQL

/// One migration file as the linter sees it: its statements, how Strata will run it and for which PostgreSQL.
///
/// Built by the caller from whatever format the file has (Strata's native sections, a golang-migrate pair, a Flyway
/// script…); StrataLint never reads the disk. Context that several rules need (tables created earlier in the file,
/// timeouts set before a statement, explicit transactions) is computed once here, in the `LintFile+Context` helpers.
public struct LintFile: Sendable {
    /// The file's path as shown in findings.
    public let path: String
    /// The path of the file holding the down statements when it is not `path` (golang-migrate's `.down.sql`,
    /// Diesel's `down.sql`); nil when the down section is in the same file.
    public let downPath: String?
    /// The statements that apply the migration.
    public let up: [LintStatement]
    /// The statements that revert it; nil when the file has no down section at all (an empty section is `[]`).
    public let down: [LintStatement]?
    /// Up statements, then down statements: what most rules iterate.
    public let statements: [LintStatement]
    /// Strata runs the file inside one transaction (false for `-- strata:no-transaction` and other tools' equivalents).
    public var runsInTransaction: Bool
    /// The major version of the PostgreSQL the migration will run on. The `Linter` sets it from its configuration.
    public var targetPostgresVersion: Int
    /// Every `-- strata:` directive of the file, wherever it is (the caller's parser collects them).
    public let directives: [SQLDirective]
    /// The file's whole text, when the caller has it: findings then quote whole source lines. Without it they quote
    /// the statement's own text (which can start mid-line).
    public let source: String?
    /// The text the down statements' positions refer to, when it is not `source` (another file, or a separately
    /// split string).
    public let downSource: String?
    /// The runner sets `lock_timeout` for every migration (a configured default), so files need not.
    public var lockTimeoutAppliedByRunner: Bool
    /// The runner sets `statement_timeout` for every migration (a configured default), so files need not.
    public var statementTimeoutAppliedByRunner: Bool

    let upFacts: SectionFacts
    let downFacts: SectionFacts?

    /// Creates a file from the splitter's statements.
    ///
    /// - Parameters:
    ///   - path: the path shown in findings.
    ///   - up: the up statements (file positions, as `StatementSplitter.split(_:origin:)` gives them).
    ///   - down: the down statements; nil when there is no down section.
    ///   - downPath: the down statements' file when it differs from `path`.
    ///   - runsInTransaction: how Strata will run the file; by default false exactly when `directives` holds
    ///     `no-transaction`.
    ///   - directives: the file's `-- strata:` directives.
    ///   - source: the file's whole text, for excerpts (`downSource`: the same for `downPath`).
    public init(
        path: String, up: [SQLStatement], down: [SQLStatement]?, downPath: String? = nil,
        runsInTransaction: Bool? = nil, directives: [SQLDirective] = [], source: String? = nil,
        downSource: String? = nil,
        targetPostgresVersion: Int = LintConfiguration.defaultPostgresVersion,
        lockTimeoutAppliedByRunner: Bool = false, statementTimeoutAppliedByRunner: Bool = false
    ) {
        self.path = path
        self.downPath = downPath
        self.up = up.enumerated().map { LintStatement($1, id: .init(section: .up, index: $0)) }
        self.down = down.map { $0.enumerated().map { LintStatement($1, id: .init(section: .down, index: $0)) } }
        self.statements = self.up + (self.down ?? [])
        let runs = runsInTransaction ?? !directives.contains { $0.name == "no-transaction" }
        self.runsInTransaction = runs
        self.directives = directives
        self.source = source
        self.downSource = downSource
        self.targetPostgresVersion = targetPostgresVersion
        self.lockTimeoutAppliedByRunner = lockTimeoutAppliedByRunner
        self.statementTimeoutAppliedByRunner = statementTimeoutAppliedByRunner
        self.upFacts = SectionFacts(self.up, runsInTransaction: runs)
        self.downFacts = self.down.map { SectionFacts($0, runsInTransaction: runs) }
    }

    /// Creates a file from SQL text: `upSQL` and `downSQL` are split here (each counts lines from 1), and the
    /// directives are read from the statements' leading comments. Convenient for tests and tools; `strata lint` builds files from its folder reader.
    public init(
        path: String, upSQL: String, downSQL: String? = nil, downPath: String? = nil, runsInTransaction: Bool? = nil,
        targetPostgresVersion: Int = LintConfiguration.defaultPostgresVersion
    ) throws(SQLSyntaxError) {
        let up = try StatementSplitter.split(upSQL)
        let down: [SQLStatement]?
        if let downSQL { down = try StatementSplitter.split(downSQL) } else { down = nil }
        let directives = (up + (down ?? [])).flatMap { statement in
            statement.leadingComments.compactMap { SQLDirective.parse(comment: $0) }
        }
        self.init(
            path: path, up: up, down: down, downPath: downPath,
            runsInTransaction: runsInTransaction, directives: directives, source: upSQL, downSource: downSQL,
            targetPostgresVersion: targetPostgresVersion)
    }


    /// The statements of `section` (empty for a missing down section).
    public func statements(in section: LintSection) -> [LintStatement] {
        switch section {
        case .up: return up
        case .down: return down ?? []
        }
    }

    /// The statement with `id`, or nil.
    public func statement(_ id: LintStatement.ID) -> LintStatement? {
        let list = statements(in: id.section)
        return list.indices.contains(id.index) ? list[id.index] : nil
    }

    /// The path of the file holding `section`'s statements.
    public func path(of section: LintSection) -> String {
        section == .down ? (downPath ?? path) : path
    }

    /// The whole text of the file holding `section`'s statements, when the caller gave it.
    public func source(of section: LintSection) -> String? {
        section == .down ? (downSource ?? source) : source
    }

    /// The directives named `name` (`"lock-timeout"`, `"nolint"`, …).
    public func directives(named name: String) -> [SQLDirective] {
        directives.filter { $0.name == name }
    }

    /// True when the file has a directive named `name`.
    public func hasDirective(_ name: String) -> Bool {
        directives.contains { $0.name == name }
    }

    func facts(_ section: LintSection) -> SectionFacts? {
        section == .up ? upFacts : downFacts
    }
}
