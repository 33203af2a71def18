import StrataSQL

/// One `-- strata:nolint rule-a,rule-b` comment and what it applies to.
struct Suppression: Sendable {
    /// What a suppression covers.
    enum Scope: Sendable, Hashable {
        /// Written before the first statement: the whole file.
        case file
        /// Written on the line(s) before a statement, or after it on its last line: that statement.
        case statement(LintStatement.ID)
        /// Written where no statement follows: it cannot suppress anything.
        case nothing
    }

    var scope: Scope
    /// The rule ids named; empty means every rule.
    var ruleIDs: [String]
    var position: SourcePosition
    /// The comment as written, for the excerpt of an unused-suppression finding.
    var text: String
    var section: LintSection
    /// Rule ids that suppressed at least one violation.
    var used: Set<String> = []

    init(directive: SQLDirective, scope: Scope, text: String, section: LintSection) {
        self.scope = scope
        self.ruleIDs = directive.arguments.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" })
            .flatMap { RuleAliases.resolve(String($0)) }
        self.position = directive.position
        self.text = text
        self.section = section
    }

    func covers(_ ruleID: String) -> Bool {
        ruleIDs.isEmpty || ruleIDs.contains(ruleID)
    }
}

/// The suppressions of one file, found once, marked as they are used.
struct SuppressionIndex: Sendable {
    private(set) var suppressions: [Suppression] = []

    init(_ file: LintFile) {
        var seenOffsets: Set<Int> = []
        for section in LintSection.allCases {
            let statements = file.statements(in: section)
            for statement in statements {
                for comment in statement.leadingComments where comment.kind == .lineComment {
                    let squawk = Self.squawkIgnore(comment)
                    guard let directive = squawk?.directive ?? SQLDirective.parse(comment: comment),
                        directive.name == "nolint"
                    else {
                        continue
                    }
                    let scope: Suppression.Scope
                    if squawk?.fileWide == true {
                        scope = .file
                    } else if statement.index > 0, Self.lastLine(of: statements[statement.index - 1]) == comment.start.line {
                        scope = .statement(statements[statement.index - 1].id)
                    } else if section == .up, statement.index == 0 {
                        scope = .file
                    } else {
                        scope = .statement(statement.id)
                    }
                    if section == .up || file.downPath == nil { seenOffsets.insert(comment.start.offset) }
                    suppressions.append(Suppression(directive: directive, scope: scope, text: comment.text, section: section))
                }
            }
        }
        // Directives the caller found elsewhere in the file: before the first statement (e.g. above `-- strata:up`),
        // trailing the last statement, or stranded.
        let firstOffset = file.up.first?.start.offset ?? Int.max
        for directive in file.directives where directive.name == "nolint" {
            guard !seenOffsets.contains(directive.position.offset) else { continue }
            var scope = Suppression.Scope.nothing
            var section = LintSection.up
            if directive.position.offset < firstOffset {
                scope = .file
            } else if let last = file.up.last, Self.lastLine(of: last) == directive.position.line {
                scope = .statement(last.id)
            } else if file.downPath == nil, let last = file.down?.last, Self.lastLine(of: last) == directive.position.line {
                scope = .statement(last.id)
                section = .down
            }
            let text = "-- strata:nolint" + (directive.arguments.isEmpty ? "" : " " + directive.arguments)
            suppressions.append(Suppression(directive: directive, scope: scope, text: text, section: section))
        }
    }

    var isEmpty: Bool { suppressions.isEmpty }

    /// squawk's suppression comments read as `-- strata:nolint`: `-- squawk-ignore rule[, rule]` and
    /// `-- squawk-ignore-next-statement rule` cover the next statement, `-- squawk-ignore-file [rule, …]` the whole
    /// file. Rule ids may be squawk's own (`prefer-timestamp-tz`).
    static func squawkIgnore(_ comment: Token) -> (directive: SQLDirective, fileWide: Bool)? {
        var body = Substring(comment.text)
        guard body.hasPrefix("--") else { return nil }
        body = body.dropFirst(2).drop(while: { $0 == " " || $0 == "\t" })
        let forms: [(prefix: String, fileWide: Bool)] = [
            ("squawk-ignore-file", true), ("squawk-ignore-next-statement", false), ("squawk-ignore", false),
        ]
        for form in forms where body.hasPrefix(form.prefix) {
            let rest = body.dropFirst(form.prefix.count)
            guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { continue }
            let arguments = String(rest.drop(while: { $0 == " " || $0 == "\t" }))
            return (SQLDirective(name: "nolint", arguments: arguments, position: comment.start), form.fileWide)
        }
        return nil
    }

    /// True when a suppression covers `violation`; the first covering suppression (statement before file) is
    /// marked as used.
    mutating func suppress(_ violation: LintViolation) -> Bool {
        if let statement = violation.statement,
            let index = suppressions.firstIndex(where: {
                $0.scope == .statement(statement) && $0.covers(violation.ruleID)
            })
        {
            suppressions[index].used.insert(violation.ruleID)
            return true
        }
        if let index = suppressions.firstIndex(where: { $0.scope == .file && $0.covers(violation.ruleID) }) {
            suppressions[index].used.insert(violation.ruleID)
            return true
        }
        return false
    }

    /// The line on which the statement's last token ends.
    private static func lastLine(of statement: LintStatement) -> Int {
        guard let last = statement.statement.tokens.last else { return statement.start.line }
        var line = last.start.line
        for byte in last.text.utf8 where byte == 0x0A { line += 1 }
        return line
    }
}
