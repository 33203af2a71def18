/// A folder of seed files, `db/seeds/<name>/`, applied in file-name order, with the tables it owns and the
/// environments it is limited to.
public struct SeedSet: Sendable {
    /// The folder's name, e.g. `plans`.
    public var name: String
    /// The folder's path as shown in messages.
    public var path: String
    /// The files, sorted by name.
    public var files: [SeedFile]
    /// The tables the set owns (`-- strata:seed-tables plans, plan_limits`): what `seed reset` empties. Names are
    /// plain or schema-qualified identifiers, in declaration order, without duplicates.
    public var tables: [String]
    /// The environments the set is limited to (`-- strata:env dev,test`); `nil` when it applies everywhere.
    public var environments: [String]?

    /// Creates a set.
    public init(name: String, path: String, files: [SeedFile], tables: [String] = [], environments: [String]? = nil) {
        self.name = name
        self.path = path
        self.files = files
        self.tables = tables
        self.environments = environments
    }

    /// Whether the set applies in `environment` (`nil`: no environment chosen, so only unrestricted sets apply).
    public func isEnabled(in environment: String?) -> Bool {
        guard let environments else { return true }
        guard let environment else { return false }
        return environments.contains(environment.lowercased())
    }

    /// Why the set does not apply in `environment`, for messages.
    public func exclusionReason(in environment: String?) -> String {
        let limited = "limited to \((environments ?? []).joined(separator: ", "))"
        guard let environment else {
            return "\(limited) and no environment is chosen (--env, STRATA_ENV or env in strata.toml)"
        }
        return "\(limited); the current environment is \(environment)"
    }

    /// The declared tables, normalized for comparison (`Public.Plans` and `plans` are the same table).
    public var normalizedTables: Set<String> {
        Set(tables.map { declared in
            SeedSet.normalizedTable(declared.split(separator: ".").map { part in
                part.hasPrefix("\"") && part.hasSuffix("\"") && part.count >= 2
                    ? String(part.dropFirst().dropLast()) : part.lowercased()
            })
        })
    }

    /// The tables a file of this set depends on: the set's declared tables and the tables the file writes into.
    public func dependencies(of file: SeedFile) -> Set<String> {
        normalizedTables.union(file.writtenTables())
    }

    /// A table name from its unquoted parts, with the `public` schema dropped: `["public", "plans"]` → `plans`.
    public static func normalizedTable(_ parts: [String]) -> String {
        (parts.count == 2 && parts[0] == "public" ? [parts[1]] : parts).joined(separator: ".")
    }
}
