import StrataSQL

/// Reads the two seed directives: `-- strata:seed-tables a, b` and `-- strata:env dev,test`.
public enum SeedDirectives {
    /// The directive names a seed file may hold.
    public static let known: Set<String> = ["seed-tables", "env"]

    /// The table names of a `seed-tables` directive: plain or schema-qualified identifiers separated by commas or
    /// spaces. Unquoted names are passed to the server as written (so it folds them to lowercase as usual).
    public static func tables(_ directive: SQLDirective, in source: SQLSourceText) throws(StrataError) -> [String] {
        let names = list(directive.arguments)
        guard !names.isEmpty else {
            throw StrataError(
                .invalidSeed, "'-- strata:seed-tables' names no table", location: source.location(of: directive),
                hint: "write '-- strata:seed-tables plans, plan_limits'")
        }
        for name in names where !isTableName(name) {
            throw StrataError(
                .invalidSeed, "'\(name)' is not a table name", location: source.location(of: directive),
                hint: "write plain or schema-qualified names: plans, billing.plan_limits")
        }
        return names
    }

    /// The environment names of an `env` directive, lowercased.
    public static func environments(_ directive: SQLDirective, in source: SQLSourceText) throws(StrataError) -> [String] {
        let names = list(directive.arguments).map { $0.lowercased() }
        guard !names.isEmpty else {
            throw StrataError(
                .invalidSeed, "'-- strata:env' names no environment", location: source.location(of: directive),
                hint: "write '-- strata:env dev,test'")
        }
        for name in names where !isEnvironmentName(name) {
            throw StrataError(
                .invalidSeed, "'\(name)' is not an environment name", location: source.location(of: directive),
                hint: "use letters, digits, '-' and '_': dev, test, staging")
        }
        return names
    }

    /// True for a name of letters, digits, `-` and `_`.
    public static func isEnvironmentName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
        }
    }

    private static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// `name` or `schema.name`, each part starting with a letter or `_` and made of letters, digits, `_` and `$`.
    static func isTableName(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return false }
        return parts.allSatisfy { part in
            guard let first = part.unicodeScalars.first, part.utf8.count <= 63 else { return false }
            guard first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
            return part.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "$")
            }
        }
    }
}
