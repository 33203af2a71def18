import Foundation
import StrataCore

/// Parses `postgres://` / `postgresql://` URLs into libpq keywords, the way libpq reads them:
/// `postgres://user:password@host:port/dbname?key=value&…`, with percent-decoding of every part, `[…]` around IPv6
/// addresses, a socket directory as a percent-encoded host (`%2Ftmp`) or as `?host=/tmp`, and `ssl=true` meaning
/// `sslmode=require`. Errors show the URL with the user information and any `password=` value masked.
enum ConnectionURL {
    private static let schemes = ["postgresql://", "postgres://"]

    /// Whether `text` starts with a PostgreSQL URL scheme (case-insensitive).
    static func isURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return schemes.contains { lowered.hasPrefix($0) }
    }

    /// The keywords the URL gives.
    static func parameters(_ text: String) throws(StrataError) -> ConnectionParameters {
        let lowered = text.lowercased()
        guard let scheme = schemes.first(where: { lowered.hasPrefix($0) }) else {
            throw failure("is not a postgres:// or postgresql:// URL", text)
        }
        var rest = text.dropFirst(scheme.count)
        var parameters = ConnectionParameters()

        // User information: up to the last '@' before the first '/', as libpq (which stops at '/').
        let beforePath = rest.prefix { $0 != "/" }
        if let at = beforePath.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            let user: Substring
            if let colon = userInfo.firstIndex(of: ":") {
                user = userInfo[..<colon]
                guard let password = PercentEncoding.decode(userInfo[userInfo.index(after: colon)...]) else {
                    throw failure(
                        "has a password that is not valid percent-encoding", text,
                        hint: ConnectionParameters.passwordSeparatorHint(form: ConnectionParameters.urlForm))
                }
                parameters.set("password", password)
            } else {
                user = userInfo
            }
            parameters.set("user", try decode(user, part: "user name", text))
        }

        // Host and port: up to the first '/' or '?'; then the database: after '/', up to '?'.
        let hostPort = rest.prefix { $0 != "/" && $0 != "?" }
        rest = rest[hostPort.endIndex...]
        var path: Substring = ""
        if rest.first == "/" {
            path = rest.dropFirst().prefix { $0 != "?" }
            rest = rest[path.endIndex...]
        }
        if path.contains("@") {
            throw failure(
                "cannot be read: its user name or password seems to contain a '/'", text,
                hint: ConnectionParameters.passwordSeparatorHint(form: ConnectionParameters.urlForm))
        }
        try parseHostPort(hostPort, into: &parameters, text)
        if !path.isEmpty { parameters.set("dbname", try decode(path, part: "database name", text)) }

        if rest.first == "?" {
            try parseQuery(rest.dropFirst(), into: &parameters, text)
        }
        return parameters
    }

    private static func parseHostPort(
        _ hostPort: Substring, into parameters: inout ConnectionParameters, _ text: String
    ) throws(StrataError) {
        var host: Substring
        var portText: Substring?
        if hostPort.first == "[" {
            guard let close = hostPort.firstIndex(of: "]") else {
                throw failure("has an IPv6 address without its closing ']'", text)
            }
            host = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            let after = hostPort[hostPort.index(after: close)...]
            if after.first == ":" {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw failure("has unexpected text after the IPv6 address", text)
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = hostPort[..<colon]
            portText = hostPort[hostPort.index(after: colon)...]
        } else {
            host = hostPort
        }
        if host.contains(",") || portText?.contains(",") == true {
            throw failure("lists several hosts, which Strata does not support", text)
        }
        if !host.isEmpty { parameters.set("host", try decode(host, part: "host", text)) }
        if let portText, !portText.isEmpty {
            guard let port = Int(portText), (1...65535).contains(port), portText.allSatisfy(\.isASCII) else {
                throw failure(
                    "has a port that is not a number from 1 to 65535", text,
                    hint: "if the password contains '/', '?', '#' or '@', "
                        + ConnectionParameters.passwordSeparatorHint(form: ConnectionParameters.urlForm))
            }
            parameters.set("port", String(port))
        }
    }

    private static func parseQuery(
        _ query: Substring, into parameters: inout ConnectionParameters, _ text: String
    ) throws(StrataError) {
        var previousKey: String?
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            guard let equals = pair.firstIndex(of: "=") else {
                if previousKey == "password" {
                    throw failure(
                        "has unexpected text after the password parameter", text,
                        hint: ConnectionParameters.passwordSeparatorHint(form: ConnectionParameters.urlForm))
                }
                throw failure("has a query parameter without '='", text)
            }
            let key = try decode(pair[..<equals], part: "query parameter name", text)
            let valueText = pair[pair.index(after: equals)...]
            if key == "ssl" {
                switch valueText.lowercased() {
                case "true", "1", "on": parameters.set("sslmode", "require")
                case "false", "0", "off": break
                default: throw failure("has ssl=… that is not true or false", text)
                }
                previousKey = key
                continue
            }
            guard ConnectionParameters.isKnown(key) else {
                throw ConnectionParameters.unknownKeyError(key, after: previousKey, form: ConnectionParameters.urlForm)
            }
            let value = try decode(valueText, part: key == "password" ? "password" : "value of '\(key)'", text)
            parameters.set(key, value)
            previousKey = key
        }
    }

    private static func decode(_ part: Substring, part name: String, _ text: String) throws(StrataError) -> String {
        guard let decoded = PercentEncoding.decode(part) else {
            throw failure(
                "has a \(name) that is not valid percent-encoding ('%' must be followed by two hex digits; "
                    + "write '%' itself as %25)", text)
        }
        return decoded
    }

    private static func failure(_ problem: String, _ text: String, hint: String? = nil) -> StrataError {
        StrataError(.configuration, "the database URL \(problem): \(redact(text))", hint: hint)
    }

    /// `text` with everything between `://` and the last `@` masked (keeping a plain user name) and every
    /// `password=` value masked. Over-masks rather than risk showing part of a password.
    static func redact(_ text: String) -> String {
        let text = maskPasswordParameters(text)
        var result = text
        if let schemeEnd = text.range(of: "://"), let at = text.lastIndex(of: "@"), at >= schemeEnd.upperBound {
            let userInfo = text[schemeEnd.upperBound..<at]
            var shownUser = ""
            if let colon = userInfo.firstIndex(of: ":") {
                let user = userInfo[..<colon]
                if !user.contains(where: { "/?#&=".contains($0) }) { shownUser = String(user) }
                result = text[..<schemeEnd.upperBound] + shownUser + ":" + ConnectionSettings.passwordMask
                    + text[at...]
            } else if userInfo.contains(where: { "/?#&=".contains($0) }) {
                result = text[..<schemeEnd.upperBound] + ConnectionSettings.passwordMask + text[at...]
            }
        }
        return result
    }

    /// Masks the value of every `password=` parameter (up to the next `&`).
    private static func maskPasswordParameters(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: "password=", options: .caseInsensitive) {
            let startsParameter = range.lowerBound == rest.startIndex
                ? (result.last.map { "?& ".contains($0) } ?? true)
                : "?& ".contains(rest[rest.index(before: range.lowerBound)])
            result += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            if startsParameter {
                let end = nextParameterStart(in: rest)
                if end > rest.startIndex { result += ConnectionSettings.passwordMask }
                rest = rest[end...]
            }
        }
        return result + rest
    }

    /// Where the parameter after a password value starts: the next `&` followed by a known keyword and `=`, or the
    /// end (a password may itself contain `&`).
    private static func nextParameterStart(in text: Substring) -> Substring.Index {
        var index = text.startIndex
        while let ampersand = text[index...].firstIndex(of: "&") {
            let after = text[text.index(after: ampersand)...]
            if let equals = after.firstIndex(of: "="), ConnectionParameters.isKnown(String(after[..<equals]))
                || after[..<equals] == "ssl"
            {
                return ampersand
            }
            index = text.index(after: ampersand)
        }
        return text.endIndex
    }
}
