/// The comment annotations of one tool that keeps up and down in one file: dbmate, goose or sql-migrate.
public struct AnnotationDialect: Sendable {
    /// What an annotation line means.
    public enum Annotation: Sendable, Hashable {
        /// Starts the up section; `noTransaction` when the line says so (`transaction:false`, `notransaction`).
        case up(noTransaction: Bool)
        /// Starts the down section.
        case down(noTransaction: Bool)
        /// Starts a block sent as one statement.
        case statementBegin
        /// Ends it.
        case statementEnd
        /// The whole file runs outside a transaction (goose `NO TRANSACTION`).
        case noTransaction
        /// An annotation Strata cannot honour; the text says which.
        case unsupported(String)
    }

    /// The format this dialect reads.
    public let format: MigrationFormat
    /// How the up marker is written, for messages (`-- +goose Up`).
    public let upMarker: String
    /// The annotation on a line (already trimmed), or `nil` for ordinary lines.
    public let classify: @Sendable (String) -> Annotation?

    /// dbmate: `-- migrate:up [transaction:false]`, `-- migrate:down [transaction:false]`.
    public static let dbmate = AnnotationDialect(format: .dbmate, upMarker: "-- migrate:up") { line in
        guard let rest = afterCommentPrefix(line, "migrate:", spaceAllowed: false) else { return nil }
        let words = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
        guard let first = words.first else { return nil }
        let noTransaction = words.dropFirst().contains("transaction:false")
        switch first {
        case "up": return .up(noTransaction: noTransaction)
        case "down": return .down(noTransaction: noTransaction)
        default: return nil
        }
    }

    /// goose: `-- +goose Up|Down|StatementBegin|StatementEnd|NO TRANSACTION`.
    public static let goose = AnnotationDialect(format: .goose, upMarker: "-- +goose Up") { line in
        guard let rest = afterCommentPrefix(line, "+goose", spaceAllowed: true) else { return nil }
        let words = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
        switch words.joined(separator: " ") {
        case "up": return .up(noTransaction: false)
        case "down": return .down(noTransaction: false)
        case "statementbegin": return .statementBegin
        case "statementend": return .statementEnd
        case "no transaction": return .noTransaction
        case "envsub off": return nil
        default: return .unsupported("-- +goose " + rest.trimmingSpaces())
        }
    }

    /// sql-migrate: `-- +migrate Up [notransaction]`, `Down`, `StatementBegin`, `StatementEnd`.
    public static let sqlMigrate = AnnotationDialect(format: .sqlMigrate, upMarker: "-- +migrate Up") { line in
        guard let rest = afterCommentPrefix(line, "+migrate", spaceAllowed: true) else { return nil }
        let words = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
        guard let first = words.first else { return .unsupported("-- +migrate") }
        let noTransaction = words.dropFirst().contains("notransaction")
        switch first {
        case "up": return .up(noTransaction: noTransaction)
        case "down": return .down(noTransaction: noTransaction)
        case "statementbegin": return .statementBegin
        case "statementend": return .statementEnd
        default: return .unsupported("-- +migrate " + rest.trimmingSpaces())
        }
    }

    /// The text after `--`, optional spaces and `prefix` (compared case-insensitively), when the line starts so.
    static func afterCommentPrefix(_ line: String, _ prefix: String, spaceAllowed: Bool) -> String? {
        guard line.hasPrefix("--") else { return nil }
        let body = line.dropFirst(2).drop { $0 == " " || $0 == "\t" }
        guard body.lowercased().hasPrefix(prefix) else { return nil }
        let rest = body.dropFirst(prefix.count)
        if spaceAllowed, let next = rest.first, next != " " && next != "\t" { return nil }
        return String(rest)
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" })
        else { return "" }
        return String(scalars[first...last])
    }
}
