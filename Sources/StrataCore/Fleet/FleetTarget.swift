/// One database (or one tenant schema in a database) that `strata fleet` migrates.
public struct FleetTarget: Sendable, Hashable {
    /// `shop-eu`, or `tenants/acme` for a schema of a target with `schemas = [...]`.
    public var name: String
    /// The connection URL when written in the file (a password is better kept in `urlEnvironment`).
    public var url: String?
    /// The environment variable that holds the URL.
    public var urlEnvironment: String?
    /// The target's group, for `--group` and `--waves`.
    public var group: String?
    /// The tenant schema: migrations run with `search_path` set to it, history in `strata_<schema>`.
    public var schema: String?
    /// Where the target is declared.
    public var location: FileLocation

    /// Creates a target.
    public init(
        name: String, url: String? = nil, urlEnvironment: String? = nil, group: String? = nil, schema: String? = nil,
        location: FileLocation
    ) {
        self.name = name
        self.url = url
        self.urlEnvironment = urlEnvironment
        self.group = group
        self.schema = schema
        self.location = location
    }

    /// The history schema of a tenant target (`strata_acme`), else `nil` (the run's own).
    public var historySchema: String? { schema.map { "strata_" + $0 } }
}

/// Reads `fleet.toml`: one `[[target]]` each, with `name`, `url` or `url_env`, optional `group` and `schemas`.
public enum FleetFile {
    static let knownKeys: Set<String> = ["name", "url", "url_env", "group", "schemas"]

    /// The targets of `document`, a target with `schemas` expanded into one target per schema.
    public static func targets(in document: TOMLDocument) throws(StrataError) -> [FleetTarget] {
        var result: [FleetTarget] = []
        var names: Set<String> = []
        for key in document.root.keys where key != "target" {
            throw StrataError(
                .configuration, "unknown key '\(key)' in the fleet file",
                location: FileLocation(path: document.path, line: document.root.lines[key] ?? 1),
                hint: "the fleet file holds [[target]] tables")
        }
        for table in document.tables("target") {
            let location = FileLocation(path: document.path, line: table.line)
            for key in table.keys where !knownKeys.contains(key) {
                throw StrataError(
                    .configuration, "unknown key '\(key)' in a [[target]]",
                    location: FileLocation(path: document.path, line: table.lines[key] ?? table.line),
                    hint: "a target has name, url or url_env, group and schemas")
            }
            guard let name = table["name"]?.string, !name.isEmpty else {
                throw StrataError(.configuration, "a [[target]] needs name = \"…\"", location: location)
            }
            let url = table["url"]?.string
            let environment = table["url_env"]?.string
            guard (url == nil) != (environment == nil) else {
                throw StrataError(
                    .configuration, "target '\(name)' needs exactly one of url and url_env", location: location,
                    hint: "url_env = \"NAME_OF_A_VARIABLE\" keeps the password out of the file")
            }
            let group = table["group"]?.string
            var schemas: [String?] = [nil]
            if let listed = table["schemas"] {
                guard let values = listed.array, !values.isEmpty else {
                    throw StrataError(.configuration, "schemas of '\(name)' must be a list of names", location: location)
                }
                schemas = []
                for value in values {
                    guard let schema = value.string, SQLIdentifier.isPlainName(schema) else {
                        throw StrataError(
                            .configuration, "schemas of '\(name)': \(value) is not a schema name", location: location,
                            hint: "use lowercase letters, digits and _, starting with a letter")
                    }
                    schemas.append(schema)
                }
            }
            for schema in schemas {
                let fullName = schema.map { "\(name)/\($0)" } ?? name
                guard names.insert(fullName).inserted else {
                    throw StrataError(.configuration, "target '\(fullName)' is declared twice", location: location)
                }
                result.append(FleetTarget(
                    name: fullName, url: url, urlEnvironment: environment, group: group, schema: schema,
                    location: location))
            }
        }
        guard !result.isEmpty else {
            throw StrataError(
                .configuration, "the fleet file declares no target", location: FileLocation(path: document.path, line: 1),
                hint: "add [[target]] tables with name and url_env")
        }
        return result
    }
}
