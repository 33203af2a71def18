import StrataCore
import Testing

@testable import StrataPostgres

/// URL forms of connection strings, resolved against an empty environment (so nothing leaks in from the machine).
@Suite struct ConnectionURLTests {
    let environment = ["USER": "envuser", "HOME": "/nonexistent-home"]

    @Test func fullURL() throws {
        let settings = try ConnectionSettings.parse(
            "postgres://alice:secret@db.example.com:6543/app?sslmode=require&application_name=deploy&connect_timeout=3",
            environment: environment)
        #expect(settings.host == "db.example.com")
        #expect(settings.port == 6543)
        #expect(settings.user == "alice")
        #expect(settings.password == "secret")
        #expect(settings.database == "app")
        #expect(settings.sslMode == .require)
        #expect(settings.applicationName == "deploy")
        #expect(settings.connectTimeout == 3)
        #expect(!settings.isUnixSocket)
    }

    @Test func postgresqlSchemeAndDefaults() throws {
        let settings = try ConnectionSettings.parse("postgresql://bob@localhost/shop", environment: environment)
        #expect(settings.host == "localhost")
        #expect(settings.port == 5432)
        #expect(settings.user == "bob")
        #expect(settings.password == nil)
        #expect(settings.database == "shop")
        #expect(settings.sslMode == .prefer)
        #expect(settings.applicationName == "strata")
        #expect(settings.connectTimeout == 10)
    }

    @Test func databaseDefaultsToUser() throws {
        let settings = try ConnectionSettings.parse("postgres://carol@localhost", environment: environment)
        #expect(settings.database == "carol")
    }

    @Test func percentDecodingOfEveryPart() throws {
        let settings = try ConnectionSettings.parse(
            "postgres://al%40ce:p%40ss%3Aw%2Frd%25@db.example.com/my%20db", environment: environment)
        #expect(settings.user == "al@ce")
        #expect(settings.password == "p@ss:w/rd%")
        #expect(settings.database == "my db")
    }

    @Test func unencodedAtAndQuestionMarkInPasswordAreTolerated() throws {
        let settings = try ConnectionSettings.parse("postgres://u:p@ss?x@h.example/db", environment: environment)
        #expect(settings.password == "p@ss?x")
        #expect(settings.host == "h.example")
        #expect(settings.database == "db")
    }

    @Test func ipv6Host() throws {
        let settings = try ConnectionSettings.parse("postgres://u@[::1]:5433/db", environment: environment)
        #expect(settings.host == "::1")
        #expect(settings.port == 5433)
        #expect(settings.redactedURL.hasPrefix("postgres://u@[::1]:5433/db"))
    }

    @Test func socketDirectoryAsQueryHost() throws {
        let settings = try ConnectionSettings.parse("postgres:///app?host=/var/run/pg&port=5499", environment: environment)
        #expect(settings.host == "/var/run/pg")
        #expect(settings.isUnixSocket)
        #expect(settings.unixSocketPath == "/var/run/pg/.s.PGSQL.5499")
        #expect(settings.database == "app")
        #expect(settings.user == "envuser")
    }

    @Test func percentEncodedSocketDirectoryAsHost() throws {
        let settings = try ConnectionSettings.parse("postgres://u@%2Ftmp%2Fx:5433/app", environment: environment)
        #expect(settings.host == "/tmp/x")
        #expect(settings.unixSocketPath == "/tmp/x/.s.PGSQL.5433")
    }

    @Test func queryParameters() throws {
        let settings = try ConnectionSettings.parse(
            "postgres://u@h/db?sslmode=verify-full&sslrootcert=/etc/ca.pem&options=-c%20search_path%3Dapp",
            environment: environment)
        #expect(settings.sslMode == .verifyFull)
        #expect(settings.sslRootCert == "/etc/ca.pem")
        #expect(settings.options == "-c search_path=app")
    }

    @Test func sslTrueMeansRequire() throws {
        let settings = try ConnectionSettings.parse("postgres://u@h/db?ssl=true", environment: environment)
        #expect(settings.sslMode == .require)
    }

    @Test func queryOverridesAuthority() throws {
        let settings = try ConnectionSettings.parse("postgres://u@h1:1111/db?host=h2&port=2222", environment: environment)
        #expect(settings.host == "h2")
        #expect(settings.port == 2222)
    }

    @Test func badPortIsAConfigurationError() {
        #expect {
            try ConnectionSettings.parse("postgres://u@h:54x2/db", environment: environment)
        } throws: { error in
            let error = try #require(error as? StrataError)
            return error.code == .configuration && error.message.contains("port")
                && error.message.contains("postgres://u@h:54x2/db")
        }
        #expect(throws: StrataError.self) { try ConnectionSettings.parse("postgres://u@h:70000/db", environment: environment) }
    }

    @Test func unknownParameterIsNamed() {
        #expect {
            try ConnectionSettings.parse("postgres://u@h/db?colour=blue", environment: environment)
        } throws: { error in
            (error as? StrataError)?.message.contains("'colour'") == true
        }
    }

    @Test func invalidSSLModeIsNamed() {
        #expect {
            try ConnectionSettings.parse("postgres://u@h/db?sslmode=sometimes", environment: environment)
        } throws: { error in
            let error = try #require(error as? StrataError)
            return error.code == .configuration && error.message.contains("sslmode")
        }
    }

    @Test func severalHostsAreRejected() {
        #expect(throws: StrataError.self) {
            try ConnectionSettings.parse("postgres://u@h1,h2/db", environment: environment)
        }
    }

    @Test func otherSchemesAreRejected() {
        #expect(throws: StrataError.self) {
            try ConnectionSettings.parse("mysql://u:pw@h/db", environment: environment)
        }
    }
}
