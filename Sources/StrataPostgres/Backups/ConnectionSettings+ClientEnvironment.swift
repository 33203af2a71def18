import StrataCore

extension ConnectionSettings {
    /// The environment for a libpq client program (`pg_dump`, `pg_restore`): the `PG*` variables describing these
    /// settings on top of `base` (whose own `PG*` variables are dropped). The password travels as `PGPASSWORD`, so it
    /// never appears on a command line (where `ps` would show it) or in a message.
    public func clientEnvironment(base: [String: String]) -> [String: String] {
        var environment = base.filter { !$0.key.hasPrefix("PG") }
        environment["PGHOST"] = host
        environment["PGPORT"] = String(port)
        environment["PGUSER"] = user
        environment["PGDATABASE"] = database
        environment["PGSSLMODE"] = sslMode.rawValue
        environment["PGAPPNAME"] = applicationName
        environment["PGCONNECT_TIMEOUT"] = String(connectTimeout)
        if let password { environment["PGPASSWORD"] = password }
        if let sslRootCert { environment["PGSSLROOTCERT"] = sslRootCert }
        if let options { environment["PGOPTIONS"] = options }
        environment["LC_ALL"] = "C"
        return environment
    }
}
