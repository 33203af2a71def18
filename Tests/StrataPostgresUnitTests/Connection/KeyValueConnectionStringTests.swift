import StrataCore
import Testing

@testable import StrataPostgres

/// libpq's `key=value` form.
@Suite struct KeyValueConnectionStringTests {
    let environment = ["USER": "envuser", "HOME": "/nonexistent-home"]

    @Test func plainPairs() throws {
        let settings = try ConnectionSettings.parse(
            "host=db.example.com port=6000 user=alice password=secret dbname=app sslmode=verify-ca sslrootcert=/ca.pem",
            environment: environment)
        #expect(settings.host == "db.example.com")
        #expect(settings.port == 6000)
        #expect(settings.user == "alice")
        #expect(settings.password == "secret")
        #expect(settings.database == "app")
        #expect(settings.sslMode == .verifyCA)
        #expect(settings.sslRootCert == "/ca.pem")
    }

    @Test func quotedValuesWithSpacesQuotesAndBackslashes() throws {
        let settings = try ConnectionSettings.parse(
            #"host = /tmp/my\ dir  password='it\'s a \\ secret' application_name='' dbname='x y'"#,
            environment: environment)
        #expect(settings.host == "/tmp/my dir")
        #expect(settings.password == #"it's a \ secret"#)
        #expect(settings.applicationName == "strata")
        #expect(settings.database == "x y")
    }

    @Test func laterValuesWin() throws {
        let settings = try ConnectionSettings.parse("dbname=a dbname=b host=h", environment: environment)
        #expect(settings.database == "b")
    }

    @Test func optionsAndTimeout() throws {
        let settings = try ConnectionSettings.parse(
            "host=h options='-c search_path=app' connect_timeout=0 keepalives=1", environment: environment)
        #expect(settings.options == "-c search_path=app")
        #expect(settings.connectTimeout == 0)
    }

    @Test func missingEqualsNamesTheKey() throws {
        let error = try #require(throws: StrataError.self) {
            try ConnectionSettings.parse("host=h dbname", environment: environment)
        }
        #expect(error.code == .configuration)
        #expect(error.message.contains("'dbname'"))
    }

    @Test func unknownKeyIsNamed() throws {
        let error = try #require(throws: StrataError.self) {
            try ConnectionSettings.parse("host=h colour=blue", environment: environment)
        }
        #expect(error.message.contains("'colour'"))
    }

    @Test func badTimeoutAndPortAreNamed() throws {
        let timeout = try #require(throws: StrataError.self) {
            try ConnectionSettings.parse("host=h connect_timeout=soon", environment: environment)
        }
        #expect(timeout.message.contains("connect_timeout"))
        let port = try #require(throws: StrataError.self) {
            try ConnectionSettings.parse("host=h port=0", environment: environment)
        }
        #expect(port.message.contains("port"))
    }
}
