/// A table constraint, `[CONSTRAINT name] CHECK (…) | UNIQUE … | PRIMARY KEY … | FOREIGN KEY … | EXCLUDE … [NOT VALID]`,
/// as it appears in `CREATE TABLE (…)` and `ALTER TABLE … ADD`.
package struct TableConstraint: Sendable, Hashable {
    /// The kind of a table constraint.
    package enum Kind: String, Sendable, Hashable {
        /// `CHECK (…)`.
        case check
        /// `UNIQUE …`.
        case unique
        /// `PRIMARY KEY …`.
        case primaryKey
        /// `FOREIGN KEY … REFERENCES …`.
        case foreignKey
        /// `EXCLUDE …`.
        case exclude
    }

    /// The constraint's name, when given.
    package var name: String?
    /// What kind of constraint it is.
    package var kind: Kind
    /// The index of the keyword that says the kind (`CHECK`, `UNIQUE`, `PRIMARY`, `FOREIGN`, `EXCLUDE`).
    package var kindIndex: Int
    /// The tokens inside the first parentheses after the kind: the check expression, the key columns.
    package var body: TokenSpan?
    /// `USING INDEX name` is present (a `UNIQUE`/`PRIMARY KEY` built from an existing index).
    package var usesExistingIndex: Bool
    /// `NOT VALID` is present (existing rows are not checked now).
    package var isNotValid: Bool

    /// Reads a table constraint from `span`; nil when it does not start with one.
    package init?(_ span: some TokenPatternMatching) {
        var cursor = span.cursor()
        if cursor.skip("constraint") {
            guard let name = cursor.readIdentifier() else { return nil }
            self.name = name
        } else {
            name = nil
        }
        kindIndex = cursor.index
        if cursor.skip("check") {
            kind = .check
        } else if cursor.skip("unique") {
            kind = .unique
        } else if cursor.skip("primary", "key") {
            kind = .primaryKey
        } else if cursor.skip("foreign", "key") {
            kind = .foreignKey
        } else if cursor.skip("exclude") {
            kind = .exclude
            if cursor.skip("using") { _ = cursor.readIdentifier() }
        } else {
            return nil
        }
        cursor.skip("nulls", "not", "distinct")
        cursor.skip("nulls", "distinct")
        let rest = cursor.rest
        body = cursor.readParenthesized()
        usesExistingIndex = rest.containsTopLevel(sequence: "using", "index")
        isNotValid = rest.containsTopLevel(sequence: "not", "valid")
    }

    /// For a `CHECK (column IS NOT NULL)` (extra parentheses allowed): the column's name; nil otherwise.
    package var notNullCheckColumn: String? {
        guard kind == .check, var body else { return nil }
        while body.count >= 2, body.isSymbol("(", at: body.startIndex),
            body.closingIndex(forOpeningAt: body.startIndex) == body.endIndex - 1
        {
            body = body.span((body.startIndex + 1)..<(body.endIndex - 1))
        }
        guard body.count == 4, body.matches(["is", "not", "null"], at: body.startIndex + 1) else { return nil }
        return body.identifier(at: body.startIndex)
    }
}
