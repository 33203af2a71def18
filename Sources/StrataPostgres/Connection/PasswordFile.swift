import Foundation
import Logging

/// libpq's password file (`~/.pgpass` or `PGPASSFILE`): lines of `host:port:database:user:password`, where each of
/// the first four fields may be `*`, `\:` and `\\` stand for `:` and `\`, and `#` starts a comment line.
/// The first matching line wins. As in libpq, the file is ignored (with a warning) unless it is a regular file
/// without group or world permissions (0600 or stricter).
enum PasswordFile {
    /// Socket directories whose connections match the host name `localhost` (libpq's default socket directory).
    static let defaultSocketDirectories: Set<String> = ["/var/run/postgresql", "/run/postgresql", "/tmp"]

    /// The password for the connection from the file at `path`, or `nil` when the file is absent, unsafe or has no
    /// matching line.
    static func password(
        atPath path: String, host: String, port: Int, database: String, user: String, logger: Logger
    ) -> String? {
        guard isUsable(path, logger: logger) else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            logger.warning("cannot read the password file \(path); ignoring it")
            return nil
        }
        return password(in: text, host: host, port: port, database: database, user: user)
    }

    /// The password of the first line of `text` matching the connection, or `nil`.
    static func password(in text: String, host: String, port: Int, database: String, user: String) -> String? {
        let matchHost = defaultSocketDirectories.contains(host) ? "localhost" : host
        let wanted = [matchHost, String(port), database, user]
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = splitFields(line)
            guard fields.count >= 5 else { continue }
            let matches = zip(fields.prefix(4), wanted).allSatisfy { field, value in field == "*" || field == value }
            if matches { return fields[4] }
        }
        return nil
    }

    /// Splits a line at unescaped `:`, resolving `\x` to `x`. A field of exactly `*` (unescaped) stays `*`.
    static func splitFields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        fields.append(current)
        return fields
    }

    /// libpq's rule: a regular file, with no permission bits for group or others.
    static func isUsable(_ path: String, logger: Logger) -> Bool {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved) else { return false }
        guard (attributes[.type] as? FileAttributeType) == .typeRegular else {
            logger.warning("the password file \(path) is not a plain file; ignoring it")
            return false
        }
        let permissions = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o777
        guard permissions & 0o077 == 0 else {
            logger.warning(
                "the password file \(path) has group or world access; permissions should be u=rw (0600) or less; ignoring it")
            return false
        }
        return true
    }
}
