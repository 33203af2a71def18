/// A possibly schema-qualified object name as PostgreSQL resolves it: unquoted parts folded to lower case, quoted
/// parts exact. Two names match when their last parts are equal and their schemas, where both are given, are equal.
public struct LintObjectName: Sendable, Hashable, CustomStringConvertible {
    /// The schema, when the name is qualified (`public` in `public.users`).
    public var schema: String?
    /// The object's own name.
    public var name: String
    /// The index of the name's first significant token in its statement.
    public var tokenIndex: Int

    /// Creates a name.
    public init(schema: String? = nil, name: String, tokenIndex: Int = 0) {
        self.schema = schema
        self.name = name
        self.tokenIndex = tokenIndex
    }

    /// True when both names can denote the same object (`users` matches `public.users`).
    public func matches(_ other: LintObjectName) -> Bool {
        guard name == other.name else { return false }
        guard let schema, let otherSchema = other.schema else { return true }
        return schema == otherSchema
    }

    /// Equal when schema and name are equal; the token index is not compared.
    public static func == (lhs: LintObjectName, rhs: LintObjectName) -> Bool {
        lhs.schema == rhs.schema && lhs.name == rhs.name
    }

    /// Hashes schema and name.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(schema)
        hasher.combine(name)
    }

    /// The name as it reads in a message, `schema.name` or `name`, in double quotes.
    public var description: String {
        if let schema { return "\"\(schema).\(name)\"" }
        return "\"\(name)\""
    }
}
