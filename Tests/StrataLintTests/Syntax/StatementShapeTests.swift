import StrataLint
import Testing

@Suite struct StatementShapeTests {
    @Test func createIndex() throws {
        let index = try #require(
            try statement("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx ON ONLY s.t USING gin (doc) WHERE x")
                .createIndex)
        #expect(index.isUnique && index.isConcurrent && index.ifNotExists && index.isOnly)
        #expect(index.name?.name == "idx")
        #expect(index.table == LintObjectName(schema: "s", name: "t"))
        #expect(index.method == "gin")
        #expect(index.keys?.sourceText == "doc")

        let unnamed = try #require(try statement("create index on t (a)").createIndex)
        #expect(unnamed.name == nil && unnamed.table.name == "t" && !unnamed.isConcurrent)
        #expect(try statement("CREATE TABLE t (a int)").createIndex == nil)
    }

    @Test func dropIndex() throws {
        let drop = try #require(try statement("DROP INDEX CONCURRENTLY IF EXISTS a, b CASCADE").dropIndex)
        #expect(drop.isConcurrent && drop.ifExists && drop.isCascade)
        #expect(drop.names.map(\.name) == ["a", "b"])
        #expect(try statement("DROP TABLE a").dropIndex == nil)
    }

    @Test func columnDefinition() throws {
        let alter = try #require(
            try statement(
                "ALTER TABLE t ADD COLUMN IF NOT EXISTS at timestamp(3) with time zone NOT NULL DEFAULT now() CHECK (at > '2000-01-01')"
            ).alterTable)
        let column = try #require(alter.actions.first?.addedColumn)
        #expect(column.name == "at")
        #expect(column.typeName == "timestamp with time zone")
        #expect(column.isNotNull && !column.isPrimaryKey)
        #expect(column.defaultExpression?.sourceText == "now()")

        let array = try #require(try statement("ALTER TABLE t ADD tags public.citext[] DEFAULT NULL").alterTable)
        let tags = try #require(array.actions.first?.addedColumn)
        #expect(tags.typeName == "citext" && tags.isArray)
        #expect(tags.defaultExpression?.sourceText == "NULL")
    }

    @Test func addConstraintIsNotAColumn() throws {
        let alter = try #require(
            try statement("ALTER TABLE t ADD CONSTRAINT c CHECK ((email IS NOT NULL)) NOT VALID").alterTable)
        let action = try #require(alter.actions.first)
        #expect(action.addedColumn == nil)
        let constraint = try #require(action.addedConstraint)
        #expect(constraint.name == "c" && constraint.kind == .check && constraint.isNotValid)
        #expect(constraint.notNullCheckColumn == "email")

        let other = try #require(
            try statement("ALTER TABLE t ADD CHECK (email IS NOT NULL OR phone IS NOT NULL)").alterTable)
        #expect(other.actions.first?.addedConstraint?.notNullCheckColumn == nil)
    }

    @Test func alterColumnAndValidate() throws {
        let alter = try #require(
            try statement("ALTER TABLE t ALTER COLUMN a SET NOT NULL, ALTER b TYPE bigint, VALIDATE CONSTRAINT c")
                .alterTable)
        #expect(alter.actions.count == 3)
        #expect(alter.actions[0].alteredColumn?.name == "a")
        #expect(alter.actions[0].alteredColumn?.rest.starts(with: "set", "not", "null") == true)
        #expect(alter.actions[1].alteredColumn?.name == "b")
        #expect(alter.actions[2].validatedConstraint == "c")
        #expect(alter.actions[2].alteredColumn == nil)
    }

    @Test func createTable() throws {
        let create = try #require(
            try statement(
                "CREATE UNLOGGED TABLE IF NOT EXISTS s.t (id bigint PRIMARY KEY, name text, CONSTRAINT u UNIQUE (name), LIKE other)"
            ).createTable)
        #expect(create.name == LintObjectName(schema: "s", name: "t"))
        #expect(create.ifNotExists && create.isUnlogged && !create.isTemporary)
        #expect(create.columns.map(\.name) == ["id", "name"])
        #expect(create.constraints.map(\.kind) == [.unique])
        #expect(try statement("CREATE TEMP TABLE x AS SELECT 1").createTable?.isCreateTableAs == true)
    }

    @Test func functionCallVolatility() throws {
        let alter = try #require(
            try statement("ALTER TABLE t ADD a text DEFAULT lower(md5(random()::text)) || 'x'::varchar(3)").alterTable)
        let expression = try #require(alter.actions.first?.addedColumn?.defaultExpression)
        let calls = FunctionCall.calls(in: expression)
        #expect(calls.map(\.name) == ["lower", "md5", "random"])
        #expect(calls.map(\.volatility) == [.nonVolatile, .nonVolatile, .volatile])
    }
}
