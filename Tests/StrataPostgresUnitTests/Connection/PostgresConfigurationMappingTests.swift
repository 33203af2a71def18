import Foundation
import PostgresNIO
import StrataCore
import Testing

@testable import StrataPostgres

/// How settings become postgres-nio configurations: endpoint, TLS per sslmode, start-up parameters, timeout.
@Suite struct PostgresConfigurationMappingTests {
    /// A self-signed root certificate, only used to check that `sslrootcert` files are loaded.
    static let rootCertificate = """
        -----BEGIN CERTIFICATE-----
        MIIBjDCCATOgAwIBAgIUdDJHu6bhxKWs3lAOPOJHe7Wlem0wCgYIKoZIzj0EAwIw
        GzEZMBcGA1UEAwwQU3RyYXRhIFRlc3QgUm9vdDAgFw0yNjExMjExNjMwNTVaGA8y
        MTI2MTAyODE2MzA1NVowGzEZMBcGA1UEAwwQU3RyYXRhIFRlc3QgUm9vdDBZMBMG
        ByqGSM49AgEGCCqGSM49AwEHA0IABMvjro9Nm4lDfPmvSEK3G4GmAgyT3fpgD1LO
        auF6KUqc9UDCirqewFKl73B5TWA6p8KAq25NIN7dM/jUPqeot2WjUzBRMB0GA1Ud
        DgQWBBSgMLfLT47EnEzkaF+irxU6QY4HJDAfBgNVHSMEGDAWgBSgMLfLT47EnEzk
        aF+irxU6QY4HJDAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIEQB
        x9oZD5w41Yo5UmFIp3L73xEDDPHW7tZDphNQmZWvAiB8sjNasmAUphVOy0XbIIje
        FBEPJmvvAHzlJZnNVz33TQ==
        -----END CERTIFICATE-----

        """

    private func settings(_ mode: SSLMode, rootCert: String? = nil) -> ConnectionSettings {
        ConnectionSettings(
            host: "db.example.com", port: 6000, user: "alice", password: "pw", database: "app", sslMode: mode,
            sslRootCert: rootCert, applicationName: "deploy", connectTimeout: 3, options: "-c search_path=app")
    }

    private func withRootCertificate(_ body: (String) throws -> Void) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-root-\(UUID().uuidString).pem").path
        try Self.rootCertificate.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path)
    }

    @Test func tcpEndpointCredentialsAndStartupParameters() throws {
        let configuration = try settings(.disable).postgresConfiguration()
        #expect(configuration.host == "db.example.com")
        #expect(configuration.port == 6000)
        #expect(configuration.unixSocketPath == nil)
        #expect(configuration.username == "alice")
        #expect(configuration.password == "pw")
        #expect(configuration.database == "app")
        #expect(configuration.options.connectTimeout == .seconds(3))
        let startup = configuration.options.additionalStartupParameters
        #expect(startup.contains { $0 == ("application_name", "deploy") })
        #expect(startup.contains { $0 == ("options", "-c search_path=app") })
    }

    @Test func unixSocketEndpoint() throws {
        let settings = ConnectionSettings(host: "/tmp/sock", port: 5499, user: "postgres", database: "d", sslMode: .require)
        let configuration = try settings.postgresConfiguration()
        #expect(configuration.unixSocketPath == "/tmp/sock/.s.PGSQL.5499")
        #expect(configuration.host == nil)
        #expect(!configuration.tls.isAllowed)
    }

    @Test func tooLongSocketPathIsAnError() {
        let settings = ConnectionSettings(
            host: "/tmp/" + String(repeating: "x", count: 100), user: "u", database: "d")
        #expect(throws: StrataError.self) { try settings.postgresConfiguration() }
    }

    @Test func timeoutLimits() throws {
        var settings = settings(.disable)
        settings.connectTimeout = 1
        #expect(try settings.postgresConfiguration().options.connectTimeout == .seconds(2))
        settings.connectTimeout = 0
        #expect(try settings.postgresConfiguration().options.connectTimeout > .hours(24))
    }

    @Test func disableUsesNoTLS() throws {
        let tls = try settings(.disable).postgresConfiguration().tls
        #expect(!tls.isAllowed)
        #expect(tls.sslContext == nil)
    }

    @Test(arguments: [SSLMode.allow, .prefer])
    func preferTriesTLSWithoutVerifying(mode: SSLMode) throws {
        let tls = try settings(mode).postgresConfiguration().tls
        #expect(tls.isAllowed)
        #expect(!tls.isEnforced)
        #expect(tls.sslContext?.configuration.certificateVerification == CertificateVerification.none)
    }

    @Test func requireEnforcesTLSWithoutVerifying() throws {
        let tls = try settings(.require).postgresConfiguration().tls
        #expect(tls.isEnforced)
        #expect(tls.sslContext?.configuration.certificateVerification == CertificateVerification.none)
    }

    @Test func verifyCAChecksTheChainButNotTheHost() throws {
        try withRootCertificate { path in
            let tls = try settings(.verifyCA, rootCert: path).postgresConfiguration().tls
            #expect(tls.isEnforced)
            #expect(tls.sslContext?.configuration.certificateVerification == .noHostnameVerification)
            #expect(tls.sslContext?.configuration.trustRoots == .file(path))
        }
    }

    @Test func verifyFullChecksChainAndHost() throws {
        try withRootCertificate { path in
            let tls = try settings(.verifyFull, rootCert: path).postgresConfiguration().tls
            #expect(tls.isEnforced)
            #expect(tls.sslContext?.configuration.certificateVerification == .fullVerification)
            #expect(tls.sslContext?.configuration.trustRoots == .file(path))
        }
    }

    @Test func requireWithRootCertificateVerifiesLikeLibpq() throws {
        try withRootCertificate { path in
            let tls = try settings(.require, rootCert: path).postgresConfiguration().tls
            #expect(tls.sslContext?.configuration.certificateVerification == .noHostnameVerification)
        }
    }

    @Test func systemRootsOnRequest() throws {
        let tls = try settings(.verifyFull, rootCert: "system").postgresConfiguration().tls
        #expect(tls.sslContext?.configuration.trustRoots == .default)
    }

    @Test(arguments: [SSLMode.verifyCA, .verifyFull])
    func verificationWithoutRootCertificateIsAClearError(mode: SSLMode) throws {
        let error = try #require(throws: StrataError.self) { try settings(mode).postgresConfiguration() }
        #expect(error.code == .configuration)
        #expect(error.hint?.contains("sslrootcert") == true)
        let missing = try #require(throws: StrataError.self) {
            try settings(mode, rootCert: "/nonexistent/root.crt").postgresConfiguration()
        }
        #expect(missing.message.contains("/nonexistent/root.crt"))
    }
}
