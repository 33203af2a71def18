import StrataSQL

/// A SQL file decoded and lexed once: its text (UTF-8, byte-order mark removed), its tokens and its `-- strata:`
/// directives, with errors that name file:line.
public struct SQLSourceText: Sendable {
    /// The file's path as shown in messages.
    public var path: String
    /// The decoded text.
    public var text: String
    /// Every token of the text.
    public var tokens: [Token]
    /// Every `-- strata:` directive, in text order.
    public var directives: [SQLDirective]

    /// Decodes and lexes `bytes`; throws `code` for text that is not UTF-8 and `.sqlSyntax` for text the lexer
    /// rejects. Directives whose names are not in `knownDirectives` are refused with file:line.
    public init(
        path: String, bytes: [UInt8], knownDirectives: Set<String>, code: StrataError.Code
    ) throws(StrataError) {
        self.path = path
        var decoded: String
        switch UTF8Validation.decode(bytes) {
        case .success(let text): decoded = text
        case .failure(let error):
            throw StrataError(
                code, "the file is not valid UTF-8: invalid byte at offset \(error.position.offset)",
                location: FileLocation(path: path, line: error.position.line), hint: "save the file as UTF-8")
        }
        if decoded.hasPrefix("\u{FEFF}") { decoded.removeFirst() }
        text = decoded
        do {
            tokens = try SQLLexer(decoded).tokenize()
        } catch {
            throw StrataError(
                .sqlSyntax, error.message,
                location: FileLocation(path: path, line: error.position.line, column: error.position.column))
        }
        var found: [SQLDirective] = []
        for token in tokens where token.kind == .lineComment {
            guard let directive = SQLDirective.parse(comment: token) else { continue }
            guard knownDirectives.contains(directive.name) else {
                throw StrataError(
                    code, "unknown directive '-- strata:\(directive.name)'",
                    location: FileLocation(path: path, line: directive.position.line, column: directive.position.column),
                    hint: "known here: " + knownDirectives.sorted().joined(separator: ", "))
            }
            found.append(directive)
        }
        directives = found
    }

    /// The statements of the text, split by the lexer, with file positions.
    public func statements() throws(StrataError) -> [SQLStatement] {
        do {
            return try StatementSplitter.split(text)
        } catch {
            throw StrataError(
                .sqlSyntax, error.message,
                location: FileLocation(path: path, line: error.position.line, column: error.position.column))
        }
    }

    /// The location of a directive, for messages.
    public func location(of directive: SQLDirective) -> FileLocation {
        FileLocation(path: path, line: directive.position.line, column: directive.position.column)
    }
}
