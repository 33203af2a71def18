import Foundation
import NIOCore
import PostgresNIO
import StrataCore

extension ConnectionSettings {
    /// The longest Unix socket path the kernel accepts (`sun_path` holds 108 bytes with the NUL).
    public static let maximumSocketPathLength = 107

    /// The postgres-nio configuration for these settings.
    ///
    /// A socket directory connects to `<host>/.s.PGSQL.<port>` without TLS. Over TCP, `sslmode` maps to
    /// postgres-nio's TLS modes with libpq's checks: `disable` → no TLS; `allow`, `prefer` → TLS if offered,
    /// certificate not verified; `require` → TLS required, not verified (verified like `verify-ca` when
    /// `sslrootcert` is given, as libpq does); `verify-ca` → chain checked against `sslrootcert`, host name not;
    /// `verify-full` → chain and host name checked. `application_name` and `options` are sent as start-up
    /// parameters; `connectTimeout` becomes the connect timeout.
    public func postgresConfiguration() throws(StrataError) -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socketPath = unixSocketPath {
            guard socketPath.utf8.count <= Self.maximumSocketPathLength else {
                throw StrataError(
                    .configuration,
                    "the Unix socket path \(socketPath) is longer than \(Self.maximumSocketPathLength) bytes",
                    hint: "use a shorter socket directory (unix_socket_directories on the server)")
            }
            configuration = PostgresConnection.Configuration(
                unixSocketPath: socketPath, username: user, password: password, database: database)
        } else {
            configuration = PostgresConnection.Configuration(
                host: host, port: port, username: user, password: password, database: database, tls: try tls())
        }
        configuration.options.connectTimeout =
            connectTimeout == 0 ? .hours(24 * 365) : .seconds(Int64(max(2, connectTimeout)))
        var startup = [("application_name", applicationName)]
        if let options { startup.append(("options", options)) }
        configuration.options.additionalStartupParameters = startup
        return configuration
    }

    /// The TLS mode for a TCP connection.
    private func tls() throws(StrataError) -> PostgresConnection.Configuration.TLS {
        switch sslMode {
        case .disable:
            return .disable
        case .allow, .prefer:
            return .prefer(try sslContext(verification: CertificateVerification.none))
        case .require:
            if sslRootCert != nil {
                return .require(try sslContext(verification: .noHostnameVerification))
            }
            return .require(try sslContext(verification: CertificateVerification.none))
        case .verifyCA:
            return .require(try sslContext(verification: .noHostnameVerification))
        case .verifyFull:
            return .require(try sslContext(verification: .fullVerification))
        }
    }

    private func sslContext(verification: CertificateVerification) throws(StrataError) -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = verification
        if verification != CertificateVerification.none {
            tls.trustRoots = try trustRoots()
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw StrataError(
                .configuration, "cannot set up TLS for sslmode=\(sslMode.rawValue)", detail: "\(error)",
                hint: sslRootCert.map { "check that \($0) holds PEM certificates" })
        }
    }

    private func trustRoots() throws(StrataError) -> NIOSSLTrustRoots {
        guard let sslRootCert else {
            throw StrataError(
                .configuration,
                "sslmode=\(sslMode.rawValue) needs a root certificate to check the server against, and none was given",
                hint: "set sslrootcert=/path/to/root.crt (or PGSSLROOTCERT), put it at ~/.postgresql/root.crt, "
                    + "or use sslrootcert=system for the system's trusted roots")
        }
        if sslRootCert == "system" { return .default }
        guard FileManager.default.isReadableFile(atPath: sslRootCert) else {
            throw StrataError(.configuration, "the sslrootcert file \(sslRootCert) does not exist or cannot be read")
        }
        return .file(sslRootCert)
    }
}
