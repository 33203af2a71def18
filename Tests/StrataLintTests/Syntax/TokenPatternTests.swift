import StrataLint
import Testing

@Suite struct TokenPatternTests {
    @Test func startsWithMatchesKeywordsCaseInsensitively() throws {
        let create = try statement("Create Unique INDEX idx ON t (a)")
        #expect(create.starts(with: "create", "unique", "index"))
        #expect(!create.starts(with: "create", "index"))
        #expect(create.contains(sequence: "on", "t"))
        #expect(create.contains(sequence: "(", "a", ")"))
        #expect(!create.contains(sequence: "index", "on"))
    }

    @Test func keywordsDoNotMatchQuotedIdentifiersOrStrings() throws {
        let quoted = try statement(#"SELECT "not", 'null' FROM "concurrently""#)
        #expect(!quoted.contains(word: "not"))
        #expect(!quoted.contains(word: "null"))
        #expect(!quoted.contains(word: "concurrently"))
        #expect(quoted.identifier(at: 1) == "not")
    }

    @Test func topLevelSearchSkipsParentheses() throws {
        let alter = try statement("ALTER TABLE t ADD CONSTRAINT c CHECK (a IS NOT NULL), ADD b int NOT NULL")
        let first = try #require(alter.firstIndex(of: ["not", "null"]))
        let topLevel = try #require(alter.firstIndex(of: ["not", "null"], topLevelOnly: true))
        #expect(first < topLevel)
        #expect(alter.word(at: topLevel - 1) == "int")
    }

    @Test func splitTopLevelKeepsNestedCommas() throws {
        let alter = try statement("ALTER TABLE t ADD a numeric(10, 2) DEFAULT f(1, 2), ADD b int[] DEFAULT ARRAY[1, 2]")
        let actions = try #require(alter.alterTable).actions
        #expect(actions.count == 2)
        #expect(actions.map(\.sourceText) == ["ADD a numeric(10, 2) DEFAULT f(1, 2)", "ADD b int[] DEFAULT ARRAY[1, 2]"])
    }

    @Test func cursorReadsOptionalClauses() throws {
        let drop = try statement("DROP INDEX IF EXISTS a, public.b")
        var cursor = drop.cursor()
        let readDropIndex = cursor.skip("drop", "index")
        let readConcurrently = cursor.skip("concurrently")
        let readIfExists = cursor.skip("if", "exists")
        let first = cursor.readName()
        let readComma = cursor.skip(",")
        let second = cursor.readName()
        let qualified = try #require(second)
        #expect(readDropIndex && !readConcurrently && readIfExists && readComma)
        #expect(first == LintObjectName(name: "a"))
        #expect(qualified.schema == "public" && qualified.name == "b")
        #expect(cursor.isAtEnd)
    }

    @Test func namesFoldCaseUnlessQuoted() throws {
        let alter = try #require(try statement(#"ALTER TABLE "Sales"."Orders" ADD x int"#).alterTable)
        #expect(alter.table.schema == "Sales" && alter.table.name == "Orders")
        let plain = try #require(try statement("ALTER TABLE IF EXISTS ONLY Sales.Orders ADD x int").alterTable)
        #expect(plain.table == LintObjectName(schema: "sales", name: "orders"))
        #expect(plain.ifExists && plain.isOnly)
        #expect(LintObjectName(name: "orders").matches(plain.table))
        #expect(!LintObjectName(schema: "archive", name: "orders").matches(plain.table))
    }

    @Test func sourceTextQuotesTheStatementAsWritten() throws {
        let alter = try statement("ALTER TABLE t ADD c uuid DEFAULT  gen_random_uuid ( )")
        let column = try #require(alter.alterTable?.actions.first?.addedColumn)
        #expect(column.defaultExpression?.sourceText == "gen_random_uuid ( )")
    }

    @Test func commentsBetweenKeywordsAreIgnored() throws {
        let create = try statement("CREATE /* built offline */ INDEX -- note\n  CONCURRENTLY i ON t (a)")
        #expect(create.createIndex?.isConcurrent == true)
        #expect(create.starts(with: "create", "index", "concurrently"))
    }

    @Test func alterTableAllInTablespaceIsNotReadAsATable() throws {
        #expect(try statement("ALTER TABLE ALL IN TABLESPACE a SET TABLESPACE b").alterTable == nil)
    }

    @Test func fileFromSQLTextHasBothSectionsAndDirectives() throws {
        let file = try LintFile(
            path: "x.sql", upSQL: "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);",
            downSQL: "DROP INDEX CONCURRENTLY i;")
        #expect(!file.runsInTransaction)
        #expect(file.up.count == 1 && file.down?.count == 1 && file.statements.count == 2)
        #expect(file.statements.map(\.id) == [
            LintStatement.ID(section: .up, index: 0), LintStatement.ID(section: .down, index: 0),
        ])
        #expect(file.hasDirective("no-transaction"))
    }
}
