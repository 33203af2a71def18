/// What a lexical token of PostgreSQL SQL is.
public enum TokenKind: Sendable, Hashable {
    /// An unquoted identifier or keyword (`a$b` included); `Token.normalized` holds it lowercased.
    case word
    /// A double-quoted identifier `"ident"` with `""` escapes, also `U&"…"`.
    case quotedIdentifier
    /// A quoted string: `'…'`, `E'…'`, `U&'…'`, `B'…'`, `X'…'`, `N'…'`.
    case string
    /// A dollar-quoted string: `$tag$…$tag$` or `$$…$$`.
    case dollarString
    /// A numeric literal: `42`, `3.14`, `.5`, `1e10`, `0x1F`, `1_000`.
    case number
    /// A positional parameter such as `$1`.
    case parameter
    /// An operator: a run of `+ - * / < > = ~ ! @ # % ^ & | ?` and the backtick (such as `<>`, `>=`, `->>`,
    /// `||`), and the two-character `::` (cast) and `:=`.
    case `operator`
    /// A single punctuation character: `( ) [ ] , ; . :`; also any other character that is not SQL
    /// (a lone `$`, `\`, `{`, `}`, control characters), one per token.
    case punctuation
    /// A `-- …` comment up to the end of the line, the line break excluded.
    case lineComment
    /// A `/* … */` comment; nested comments are part of it.
    case blockComment
    /// Spaces, tabs, line breaks, form feeds and vertical tabs (and a byte order mark at the start of a file).
    case whitespace
}
