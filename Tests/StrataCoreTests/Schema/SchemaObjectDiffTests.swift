import StrataCore
import Testing

@Suite struct SchemaObjectDiffTests {
    static let folder = """
        --
        -- Name: touch(); Type: FUNCTION; Schema: public; Owner: -
        --

        CREATE FUNCTION public.touch() RETURNS integer
            AS $$SELECT 1$$;

        --
        -- Name: people; Type: TABLE; Schema: public; Owner: -
        --

        CREATE TABLE public.people (
            id integer NOT NULL
        );

        --
        -- Name: people_name; Type: INDEX; Schema: public; Owner: -
        --

        CREATE INDEX people_name ON public.people USING btree (id);

        """

    @Test func objectsAreSplitAtPgDumpHeaders() {
        let objects = SchemaObjectDiff.objects(in: Self.folder)
        #expect(objects.map(\.kind) == ["FUNCTION", "TABLE", "INDEX"])
        #expect(objects[1].name == "people")
        #expect(objects[1].sql == "CREATE TABLE public.people (\n    id integer NOT NULL\n);")
    }

    @Test func findsAddedColumnDroppedIndexChangedBodyAndHandMadeTable() {
        let database = Self.folder
            .replacingOccurrences(of: "$$SELECT 1$$", with: "$$SELECT 2$$")
            .replacingOccurrences(of: "    id integer NOT NULL\n", with: "    id integer NOT NULL,\n    nick text\n")
            .replacingOccurrences(
                of: "--\n-- Name: people_name; Type: INDEX; Schema: public; Owner: -\n--\n\nCREATE INDEX people_name ON public.people USING btree (id);\n",
                with: "--\n-- Name: extra; Type: TABLE; Schema: public; Owner: -\n--\n\nCREATE TABLE public.extra (id int);\n")
        let differences = SchemaObjectDiff.compare(database: database, folder: Self.folder)
        #expect(differences.map(\.title) == ["FUNCTION public.touch()", "INDEX public.people_name", "TABLE public.extra", "TABLE public.people"])
        #expect(differences.map(\.change) == [.changed, .onlyInFolder, .onlyInDatabase, .changed])
        #expect(differences[3].lines?.added == ["    id integer NOT NULL,", "    nick text"])
        #expect(SchemaObjectDiff.compare(database: Self.folder, folder: Self.folder).isEmpty)
    }
}
