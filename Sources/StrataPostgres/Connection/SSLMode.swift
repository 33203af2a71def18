import StrataCore

/// libpq's `sslmode`: whether TLS is used and what is verified.
///
/// As in libpq, `prefer` and `require` encrypt but do not verify the server's certificate; `verifyCA` checks the
/// chain against `sslrootcert` but not the host name; `verifyFull` checks both. `allow` is mapped like `prefer`
/// (postgres-nio cannot try a plain connection first). TLS is never used on a Unix socket, whatever the mode.
public enum SSLMode: String, Sendable, CaseIterable, CustomStringConvertible {
    /// No TLS.
    case disable
    /// TLS if the server insists; no certificate check. Strata treats it as `prefer`.
    case allow
    /// TLS when the server offers it, plain otherwise; no certificate check (libpq's default).
    case prefer
    /// TLS or fail; no certificate check.
    case require
    /// TLS or fail; the certificate chain must lead to `sslrootcert`, the host name is not checked.
    case verifyCA = "verify-ca"
    /// TLS or fail; the chain must lead to `sslrootcert` and the certificate must name the host.
    case verifyFull = "verify-full"

    /// The libpq spelling, e.g. `verify-full`.
    public var description: String { rawValue }

    /// Whether the server's certificate is checked against trusted roots.
    public var verifiesCertificate: Bool { self == .verifyCA || self == .verifyFull }

    /// Parses libpq's spelling (case-insensitive); `source` names where the text came from, for the error.
    static func parse(_ text: String, source: String) throws(StrataError) -> SSLMode {
        if let mode = SSLMode(rawValue: text.lowercased()) { return mode }
        throw StrataError(
            .configuration, "invalid sslmode '\(text)' in \(source)",
            hint: "use one of: " + SSLMode.allCases.map(\.rawValue).joined(separator: ", "))
    }
}
