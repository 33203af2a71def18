import StrataCore
import Testing

@Suite struct SchemaTextDifferenceTests {
    @Test func linesLeftBehindAndMissingIgnoringCommentsAndOrder() {
        let before = "--\n-- Name: a\nCREATE TABLE a (\n    id integer\n);\n"
        let after = "--\n-- Name: a; changed comment\nCREATE TABLE a (\n    id integer,\n    nick text\n);\n"
        let difference = SchemaTextDifference(before: before, after: after)
        #expect(difference.removed == ["    id integer"])
        #expect(difference.added == ["    id integer,", "    nick text"])
        #expect(difference.rendered() == "+     id integer,\n+     nick text\n-     id integer")
        #expect(SchemaTextDifference(before: "x\ny\n", after: "y\nx\n").isEmpty)
        #expect(SchemaTextDifference(before: "x\n", after: "x\nx\n").added == ["x"])
    }
}
