import StrataCore
import Testing

@Suite struct SchemaDumpTextTests {
    static let raw = """
        --
        -- PostgreSQL database dump
        --

        \\restrict h1KQ2bJmZ0random

        -- Dumped from database version 15.18 (Debian 15.18-1.pgdg120+1)
        -- Dumped by pg_dump version 15.18 (Debian 15.18-1.pgdg120+1)

        SET statement_timeout = 0;   \n\n\n
        CREATE TABLE public.a (
            id integer NOT NULL
        );



        --
        -- PostgreSQL database dump complete
        --

        \\unrestrict h1KQ2bJmZ0random


        """

    @Test func removesVersionLinesRandomKeysAndBlankRuns() {
        let text = SchemaDumpText.normalized(Self.raw, applied: [("1", "create_a"), ("2", "add_b")])
        #expect(!text.contains("restrict"))
        #expect(!text.contains("Dumped"))
        #expect(!text.contains("\n\n\n"))
        #expect(text.contains("SET statement_timeout = 0;\n\nCREATE TABLE public.a ("))
        #expect(text.hasSuffix("\n--\n" + SchemaDumpText.appliedHeading + "\n--\n\n-- 1 create_a\n-- 2 add_b\n"))
    }

    @Test func sameInputSameBytesWhateverTheKey() {
        let other = Self.raw.replacingOccurrences(of: "h1KQ2bJmZ0random", with: "zzzOtherKey")
            .replacingOccurrences(of: "15.18", with: "15.19")
        #expect(SchemaDumpText.normalized(Self.raw, applied: []) == SchemaDumpText.normalized(other, applied: []))
        #expect(SchemaDumpText.normalized(Self.raw, applied: []).hasSuffix("-- (none)\n"))
    }

    @Test func firstDifferenceNamesTheLine() {
        #expect(SchemaDumpText.firstDifference(expected: "a\nb\n", actual: "a\nb\n") == nil)
        let found = SchemaDumpText.firstDifference(expected: "a\nb\nc\n", actual: "a\nB\nc\n")
        #expect(found?.line == 2)
        #expect(found?.expected == "b")
        #expect(found?.actual == "B")
        let longer = SchemaDumpText.firstDifference(expected: "a\n", actual: "a\nx\n")
        #expect(longer?.line == 2)
        #expect(longer?.expected == "")
    }
}
