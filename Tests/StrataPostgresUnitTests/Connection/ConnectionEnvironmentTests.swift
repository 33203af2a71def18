import StrataCore
import Testing

@testable import StrataPostgres

/// The `PG*` variables fill what the connection string leaves out; defaults fill the rest.
@Suite struct ConnectionEnvironmentTests {
    let base = ["USER": "envuser", "HOME": "/nonexistent-home"]

    private func resolve(_ text: String, _ environment: [String: String], sockets: Set<String> = [])
        throws -> ConnectionSettings
    {
        let parameters = ConnectionURL.isURL(text)
            ? try ConnectionURL.parameters(text) : try KeyValueConnectionString.parameters(text)
        var resolver = ConnectionResolver(parameters: parameters, environment: environment, logger: .init(label: "test"))
        resolver.fileExists = { sockets.contains($0) }
        resolver.currentUser = { nil }
        return try resolver.resolve()
    }

    @Test func environmentFillsMissingParts() throws {
        let environment = base.merging([
            "PGHOST": "env-host", "PGPORT": "6001", "PGUSER": "envpg", "PGPASSWORD": "envpw", "PGDATABASE": "envdb",
            "PGSSLMODE": "require", "PGSSLROOTCERT": "/env/ca.pem", "PGAPPNAME": "envapp", "PGCONNECT_TIMEOUT": "7",
            "PGOPTIONS": "-c work_mem=1MB",
        ]) { $1 }
        let settings = try resolve("", environment)
        #expect(settings == ConnectionSettings(
            host: "env-host", port: 6001, user: "envpg", password: "envpw", database: "envdb", sslMode: .require,
            sslRootCert: "/env/ca.pem", applicationName: "envapp", connectTimeout: 7, options: "-c work_mem=1MB"))
    }

    @Test func connectionStringBeatsEnvironment() throws {
        let environment = base.merging(["PGHOST": "env-host", "PGDATABASE": "envdb", "PGPASSWORD": "envpw"]) { $1 }
        let settings = try resolve("postgres://u:urlpw@url-host/urldb", environment)
        #expect(settings.host == "url-host")
        #expect(settings.database == "urldb")
        #expect(settings.password == "urlpw")
    }

    @Test func defaultsWithoutAnything() throws {
        let settings = try resolve("", base)
        #expect(settings.host == "localhost")
        #expect(settings.port == 5432)
        #expect(settings.user == "envuser")
        #expect(settings.database == "envuser")
        #expect(settings.password == nil)
        #expect(settings.sslMode == .prefer)
        #expect(settings.applicationName == "strata")
        #expect(settings.connectTimeout == 10)
    }

    @Test func defaultHostIsALocalSocketWhenOneListens() throws {
        let settings = try resolve("port=5499", base, sockets: ["/tmp/.s.PGSQL.5499"])
        #expect(settings.host == "/tmp")
        #expect(settings.unixSocketPath == "/tmp/.s.PGSQL.5499")
    }

    @Test func userFallsBackToCurrentAccount() throws {
        let settings = try ConnectionSettings.parse("host=h", environment: [:])
        #expect(!settings.user.isEmpty)
        #expect(settings.database == settings.user)
    }

    @Test func invalidEnvironmentValuesNameTheVariable() throws {
        let port = try #require(throws: StrataError.self) { try resolve("", base.merging(["PGPORT": "x"]) { $1 }) }
        #expect(port.message.contains("PGPORT"))
        let mode = try #require(throws: StrataError.self) { try resolve("", base.merging(["PGSSLMODE": "maybe"]) { $1 }) }
        #expect(mode.message.contains("PGSSLMODE"))
    }

    @Test func fromEnvironmentIsNilWithoutAnyConnectionVariable() throws {
        #expect(try ConnectionSettings.fromEnvironment(base.merging(["PGTZ": "UTC", "PGHOST": ""]) { $1 }) == nil)
        let byHost = try #require(try ConnectionSettings.fromEnvironment(base.merging(["PGHOST": "h"]) { $1 }))
        #expect(byHost.host == "h")
        let byDatabase = try #require(
            try ConnectionSettings.fromEnvironment(base.merging(["PGHOST": "h", "PGDATABASE": "d"]) { $1 }))
        #expect(byDatabase.database == "d")
    }

    @Test("any PG* connection variable alone configures the database, libpq defaults filling the rest", arguments: [
        ("PGUSER", "app"), ("PGPORT", "6000"), ("PGPASSWORD", "pw"), ("PGSSLMODE", "require"),
        ("PGOPTIONS", "-c work_mem=1MB"), ("PGAPPNAME", "svc"), ("PGPASSFILE", "/nonexistent/pgpass"),
        ("PGCONNECT_TIMEOUT", "3"), ("PGSSLROOTCERT", "/ca.pem"),
    ])
    func anyConnectionVariableConfiguresTheDatabase(name: String, value: String) throws {
        let settings = try #require(try ConnectionSettings.fromEnvironment(base.merging([name: value]) { $1 }))
        #expect(settings.port == (name == "PGPORT" ? 6000 : 5432))
        #expect(settings.user == (name == "PGUSER" ? "app" : "envuser"))
    }

    @Test func invalidSSLModeOrAServiceIsAnError() throws {
        let mode = try #require(throws: StrataError.self) {
            try ConnectionSettings.fromEnvironment(base.merging(["PGSSLMODE": "nope"]) { $1 })
        }
        #expect(mode.code == .configuration)
        #expect(mode.message == "invalid sslmode 'nope' in PGSSLMODE")
        let service = try #require(throws: StrataError.self) {
            try ConnectionSettings.fromEnvironment(base.merging(["PGSERVICE": "prod"]) { $1 })
        }
        #expect(service.code == .configuration)
        #expect(service.message.contains("pg_service.conf"))
    }
}
