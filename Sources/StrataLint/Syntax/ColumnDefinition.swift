/// A column definition, `name type [COLLATE …] [constraints…]`, as it appears in `CREATE TABLE (…)` and
/// `ALTER TABLE … ADD COLUMN`.
package struct ColumnDefinition: Sendable, Hashable {
    /// Keywords that end the type and start a column constraint or option.
    static let constraintKeywords: Set<String> = [
        "constraint", "not", "null", "default", "check", "unique", "primary", "references", "generated", "collate",
        "compression", "storage", "deferrable", "initially",
    ]

    /// The column name as PostgreSQL resolves it.
    package var name: String
    /// The index of the name's token.
    package var nameIndex: Int
    /// The tokens of the type (`varchar(20)`, `timestamp with time zone`, `int[]`).
    package var type: TokenSpan
    /// The type's words outside parentheses, lower case, joined by one space: `character varying`, `int`,
    /// `timestamp with time zone`, `public.citext` → `citext`. Empty when the type is missing.
    package var typeName: String
    /// The type is an array (`int[]`, `int array`).
    package var isArray: Bool
    /// Everything after the type: constraints and options.
    package var constraints: TokenSpan
    /// The expression after `DEFAULT`, when present.
    package var defaultExpression: TokenSpan?
    /// The index of the `DEFAULT` keyword, when present.
    package var defaultIndex: Int?
    /// `NOT NULL` is among the constraints.
    package var isNotNull: Bool
    /// `PRIMARY KEY` is among the constraints.
    package var isPrimaryKey: Bool
    /// `GENERATED … AS IDENTITY` is among the constraints.
    package var isIdentity: Bool
    /// `GENERATED ALWAYS AS (…) STORED` is among the constraints.
    package var isStoredGenerated: Bool

    /// Reads a column definition from `span` (starting at the column name); nil when it does not start with an
    /// identifier.
    package init?(_ span: some TokenPatternMatching) {
        var cursor = span.cursor()
        nameIndex = cursor.index
        guard let name = cursor.readIdentifier() else { return nil }
        self.name = name
        let typeStart = cursor.index
        var typeEnd = typeStart
        var depth = 0
        while typeEnd < span.endIndex {
            let token = span.tokens[typeEnd]
            if LintStatement.isOpening(token) {
                depth += 1
            } else if LintStatement.isClosing(token) {
                depth -= 1
            } else if depth == 0, let word = span.word(at: typeEnd), Self.constraintKeywords.contains(word),
                typeEnd > typeStart
            {
                break
            }
            typeEnd += 1
        }
        type = span.span(typeStart..<typeEnd)
        constraints = span.span(from: typeEnd)
        (typeName, isArray) = Self.describe(type)

        let constraints = self.constraints
        isNotNull = constraints.containsTopLevel(sequence: "not", "null")
        isPrimaryKey = constraints.containsTopLevel(sequence: "primary", "key")
        isIdentity = constraints.containsTopLevel(sequence: "as", "identity")
        isStoredGenerated =
            constraints.containsTopLevel(sequence: "generated", "always", "as")
            && constraints.containsTopLevel(sequence: "stored")
        defaultIndex = constraints.firstIndex(of: ["default"], topLevelOnly: true)
        defaultExpression = defaultIndex.map { Self.expression(after: $0, in: constraints) }
    }

    /// The expression that starts after `keywordIndex` and runs to the next top-level constraint keyword.
    static func expression(after keywordIndex: Int, in span: TokenSpan) -> TokenSpan {
        let start = keywordIndex + 1
        var end = start
        var depth = 0
        while end < span.endIndex {
            let token = span.tokens[end]
            if LintStatement.isOpening(token) {
                depth += 1
            } else if LintStatement.isClosing(token) {
                depth -= 1
            } else if depth == 0, end > start, let word = span.word(at: end), constraintKeywords.contains(word),
                !(word == "null" && span.isWord("not", at: end - 1)), !(word == "not" && span.isWord("is", at: end - 1))
            {
                break
            }
            end += 1
        }
        return span.span(start..<end)
    }

    private static func describe(_ type: TokenSpan) -> (String, Bool) {
        var words: [String] = []
        var isArray = false
        var depth = 0
        var index = type.startIndex
        while index < type.endIndex {
            let token = type.tokens[index]
            if LintStatement.isOpening(token) {
                if token.text == "[" { isArray = true }
                depth += 1
            } else if LintStatement.isClosing(token) {
                depth -= 1
            } else if depth == 0, type.isSymbol(".", at: index) {
                words.removeAll()
            } else if depth == 0, let identifier = type.identifier(at: index) {
                if identifier == "array", token.kind == .word { isArray = true } else { words.append(identifier) }
            }
            index += 1
        }
        return (words.joined(separator: " "), isArray)
    }
}
