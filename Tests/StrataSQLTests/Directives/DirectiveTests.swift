import Testing
@testable import StrataSQL

@Suite("Directives")
struct DirectiveTests {
    static let here = SourcePosition(offset: 0, line: 1, column: 1)

    @Test("directive lines give their name and trimmed arguments", arguments: [
        ("-- strata:up", "up", ""),
        ("--strata:down", "down", ""),
        ("  -- strata:verify  ", "verify", ""),
        ("-- strata:no-transaction", "no-transaction", ""),
        ("-- strata:lock-timeout 5s", "lock-timeout", "5s"),
        ("-- strata:statement-timeout\t30min\r\n", "statement-timeout", "30min"),
        ("-- strata:require extension=vector else=skip", "require", "extension=vector else=skip"),
        ("-- strata:nolint rule-a,rule-b", "nolint", "rule-a,rule-b"),
        ("-- Strata:Seed-Tables plans, prices", "seed-tables", "plans, prices"),
    ])
    func parses(line: String, name: String, arguments: String) throws {
        let directive = try #require(SQLDirective.parse(line: line, position: Self.here))
        #expect(directive.name == name)
        #expect(directive.arguments == arguments)
    }

    @Test("lines that are not directives", arguments: [
        "-- a plain comment", "-- strata: up", "-- strata:", "SELECT 1 -- strata:up", "/* strata:up */",
        "-- migrate:up", "- strata:up",
    ])
    func rejects(line: String) {
        #expect(SQLDirective.parse(line: line, position: Self.here) == nil)
    }

    @Test("directives from the comments the splitter hands over, with their positions")
    func fromComments() throws {
        let sql = "-- strata:up\n/* strata:down */\n-- strata:lock-timeout 5s\nCREATE TABLE t (a int);"
        let statement = try #require(try StatementSplitter.split(sql).first)
        let directives = statement.leadingComments.compactMap { SQLDirective.parse(comment: $0) }
        #expect(directives == [
            SQLDirective(name: "up", arguments: "", position: SourcePosition(offset: 0, line: 1, column: 1)),
            SQLDirective(name: "lock-timeout", arguments: "5s", position: SourcePosition(offset: 31, line: 3, column: 1)),
        ])
    }
}
