import StrataCore

/// The libpq keywords given in a connection string (URL query or `key=value` form), before the environment and
/// defaults fill the gaps. Later values replace earlier ones, as in libpq.
struct ConnectionParameters: Sendable, Equatable {
    /// Keywords Strata honours.
    static let supportedKeys: Set<String> = [
        "host", "port", "user", "password", "dbname", "sslmode", "sslrootcert", "application_name",
        "fallback_application_name", "connect_timeout", "options", "passfile",
    ]
    /// libpq keywords that only tune TCP keep-alives; accepted and ignored.
    static let ignoredKeys: Set<String> = [
        "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout",
    ]

    /// The values by keyword.
    private(set) var values: [String: String] = [:]

    /// The value of `key`, or `nil` when it is absent or empty (libpq treats empty as unset).
    subscript(key: String) -> String? {
        guard let value = values[key], !value.isEmpty else { return nil }
        return value
    }

    /// Whether `key` is a keyword Strata accepts (honoured or ignored).
    static func isKnown(_ key: String) -> Bool { supportedKeys.contains(key) || ignoredKeys.contains(key) }

    /// Stores `value` for the known keyword `key`; ignored keywords are dropped.
    mutating func set(_ key: String, _ value: String) {
        guard Self.supportedKeys.contains(key) else { return }
        values[key] = value
    }

    /// An error for an unknown keyword. Its name is shown unless it follows a password, where it could be a piece
    /// of a password that contained a separator.
    static func unknownKeyError(_ key: String, after previousKey: String?, form: String) -> StrataError {
        if previousKey == "password" {
            return StrataError(
                .configuration, "the \(form) has unexpected text after the password",
                hint: passwordSeparatorHint(form: form))
        }
        return StrataError(
            .configuration, "unknown or unsupported connection parameter '\(key)' in the \(form)",
            hint: "supported: " + supportedKeys.sorted().joined(separator: ", "))
    }

    /// What to do when a password contains a character that separates parts of the connection string.
    static func passwordSeparatorHint(form: String) -> String {
        if form == keyValueForm {
            return "quote a value containing spaces or quotes: password='my secret' (escape ' and \\ with a backslash)"
        }
        return "percent-encode special characters in the user name and password: '/' as %2F, '@' as %40, "
            + "':' as %3A, '?' as %3F, '#' as %23, '&' as %26, '%' as %25"
    }

    /// The name of the `key=value` form in messages.
    static let keyValueForm = "connection string"
    /// The name of the URL form in messages.
    static let urlForm = "database URL"
}
