/// Splits SQL text into the statements a migration runner sends one at a time.
public enum StatementSplitter {
    /// Splits SQL into statements. Empty statements (`;;`) and comment-only text produce no statement; a last
    /// statement without `;` is kept.
    ///
    /// Throws at the first problem in text order: an unterminated string, quoted identifier, dollar quote or
    /// block comment; a psql meta-command (`.metaCommand`, at its backslash: any backslash outside strings and
    /// comments, such as `\i`, `\copy`, `\connect`, `\set`, `\gset`, is psql's and never SQL); or
    /// `COPY … FROM STDIN` (`.copyFromStdin`, at the `COPY`), whose inline data would break the connection;
    /// `COPY … TO STDOUT` (`.copyToStdout`), whose copy stream a migration cannot read; or a NUL byte
    /// (`.nulByte`, at the byte). The lines `\restrict KEY` and `\unrestrict KEY` that pg_dump writes are
    /// skipped when they stand between statements: they are no-ops outside psql.
    public static func split(_ text: String) throws(SQLSyntaxError) -> [SQLStatement] {
        try split(text, origin: .start)
    }

    /// Same as `split(_:)` for a fragment that starts at `origin` of an enclosing file, so that positions
    /// and offsets are file positions.
    public static func split(_ text: String, origin: SourcePosition) throws(SQLSyntaxError) -> [SQLStatement] {
        var collector = StatementCollector(scanner: SQLScanner(text, origin: origin))
        return try collector.collect()
    }
}
