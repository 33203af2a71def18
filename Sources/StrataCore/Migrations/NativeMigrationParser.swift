import StrataSQL

/// Reads Strata's native migration file: `-- strata:up`, `-- strata:down` and `-- strata:verify` sections and
/// `-- strata:` directives (see docs/file-format.md). A file without section markers is all `up`.
public enum NativeMigrationParser {
    /// Directive names Strata knows; any other `-- strata:` name is reported, so a typo never silently disables a rule.
    public static let knownDirectives: Set<String> = [
        "up", "down", "verify", "no-transaction", "lock-timeout", "statement-timeout", "require", "nolint",
        "seed-tables", "env", "test", "as", "claims", "expect", "backfill", "sync", "squash",
    ]

    private static let sectionNames: Set<String> = ["up", "down", "verify"]

    /// Parses one file. `path` is used in messages; `bytes` is the file's content.
    public static func parse(
        path: String, version: MigrationVersion, name: String, bytes: [UInt8]
    ) throws(StrataError) -> Migration {
        let checksum = Checksum.of(bytes)
        var text: String
        switch UTF8Validation.decode(bytes) {
        case .success(let decoded): text = decoded
        case .failure(let error):
            throw StrataError(
                .invalidMigration,
                "the file is not valid UTF-8: invalid byte at offset \(error.position.offset)",
                location: FileLocation(path: path, line: error.position.line),
                hint: "save the file as UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }

        let tokens: [Token]
        do {
            tokens = try SQLLexer(text).tokenize()
        } catch {
            throw StrataError(
                .sqlSyntax, error.message,
                location: FileLocation(path: path, line: error.position.line, column: error.position.column))
        }

        var directives: [SQLDirective] = []
        var markers: [(name: String, start: Int, end: Int, position: SourcePosition)] = []
        for token in tokens where token.kind == .lineComment {
            guard let directive = SQLDirective.parse(comment: token) else { continue }
            guard knownDirectives.contains(directive.name) else {
                throw StrataError(
                    .invalidMigration, "unknown directive '-- strata:\(directive.name)'",
                    location: location(path, directive.position),
                    hint: "known directives: " + knownDirectives.sorted().joined(separator: ", "))
            }
            directives.append(directive)
            if sectionNames.contains(directive.name) {
                if markers.contains(where: { $0.name == directive.name }) {
                    throw StrataError(
                        .invalidMigration, "the '-- strata:\(directive.name)' section appears twice",
                        location: location(path, directive.position))
                }
                markers.append((directive.name, token.start.offset, token.endOffset, token.start))
            }
        }

        let bytesOfText = Array(text.utf8)
        let lineIndex = LineIndex(text)
        func section(_ name: String) -> MigrationSection? {
            guard let index = markers.firstIndex(where: { $0.name == name }) else { return nil }
            let start = markers[index].end
            let end = index + 1 < markers.count ? markers[index + 1].start : bytesOfText.count
            let sql = String(decoding: bytesOfText[start..<end], as: UTF8.self)
            return MigrationSection(sql: sql, origin: lineIndex.position(ofOffset: start))
        }

        let up: MigrationSection
        if markers.isEmpty {
            up = MigrationSection(sql: text, origin: SourcePosition(offset: 0, line: 1, column: 1))
        } else {
            guard let found = section("up") else {
                throw StrataError(
                    .invalidMigration, "the file has no '-- strata:up' section",
                    location: FileLocation(path: path, line: 1),
                    hint: "start the SQL that applies the migration with a line '-- strata:up'")
            }
            up = found
            let preamble = String(decoding: bytesOfText[0..<(markers.first?.start ?? 0)], as: UTF8.self)
            if let statement = try? StatementSplitter.split(preamble).first {
                throw StrataError(
                    .invalidMigration, "SQL before the first section marker belongs to no section",
                    location: location(path, statement.start),
                    hint: "move it below '-- strata:up' or '-- strata:down'")
            }
        }
        // One lexing pass per file: emptiness is read from the tokens; statements are split when the file runs
        // (and before any file of a run starts), so `status` and a no-op `migrate` stay cheap.
        let upStart = markers.first(where: { $0.name == "up" })?.end ?? 0
        let upEnd = markers.first(where: { $0.start > upStart })?.start ?? bytesOfText.count
        let upHasSQL = tokens.contains { token in
            !token.isTrivia && token.start.offset >= upStart && token.start.offset < upEnd && token.text != ";"
        }
        if !upHasSQL {
            let line = markers.first(where: { $0.name == "up" })?.position.line ?? 1
            throw StrataError(
                .invalidMigration, "the up section is empty", location: FileLocation(path: path, line: line),
                hint: "write the SQL that applies the migration below '-- strata:up'")
        }
        let down = section("down")
        let verify = section("verify")

        var migration = Migration(
            version: version, name: name, path: path, up: up, down: down, verify: verify,
            directives: directives, checksum: checksum)
        try applyDirectives(directives, to: &migration, path: path)
        return migration
    }

    private static func applyDirectives(
        _ directives: [SQLDirective], to migration: inout Migration, path: String
    ) throws(StrataError) {
        for directive in directives {
            switch directive.name {
            case "no-transaction":
                migration.transactionMode = .nonTransactional
            case "lock-timeout", "statement-timeout":
                guard let value = TimeoutValue(parsing: directive.arguments) else {
                    throw StrataError(
                        .invalidMigration, "'\(directive.arguments)' is not a duration",
                        location: location(path, directive.position),
                        hint: "write a number with a unit: 500ms, 5s, 2min, 1h")
                }
                if directive.name == "lock-timeout" {
                    migration.lockTimeout = value
                } else {
                    migration.statementTimeout = value
                }
            case "require":
                migration.requirements.append(try requirement(directive, path: path))
            default:
                continue
            }
        }
        try BackfillStep.check(migration, path: path)
        try SyncStep.check(migration, path: path)
        try SquashedVersions.check(migration, path: path)
    }

    private static func requirement(_ directive: SQLDirective, path: String) throws(StrataError) -> ExtensionRequirement {
        var name: String?
        var fallback = ExtensionRequirement.Fallback.fail
        for pair in directive.arguments.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw StrataError(
                    .invalidMigration, "'\(pair)' is not KEY=VALUE in a require directive",
                    location: location(path, directive.position),
                    hint: "write '-- strata:require extension=NAME else=skip|fail'")
            }
            switch parts[0] {
            case "extension":
                guard SQLIdentifier.isPlainName(parts[1]) else {
                    throw StrataError(
                        .invalidMigration, "'\(parts[1])' is not a valid extension name",
                        location: location(path, directive.position))
                }
                name = parts[1]
            case "else":
                guard let value = ExtensionRequirement.Fallback(rawValue: parts[1]) else {
                    throw StrataError(
                        .invalidMigration, "else=\(parts[1]) is not one of skip, fail",
                        location: location(path, directive.position))
                }
                fallback = value
            default:
                throw StrataError(
                    .invalidMigration, "unknown key '\(parts[0])' in a require directive",
                    location: location(path, directive.position),
                    hint: "write '-- strata:require extension=NAME else=skip|fail'")
            }
        }
        guard let name else {
            throw StrataError(
                .invalidMigration, "a require directive names no extension",
                location: location(path, directive.position),
                hint: "write '-- strata:require extension=NAME else=skip|fail'")
        }
        return ExtensionRequirement(extensionName: name, fallback: fallback)
    }

    private static func location(_ path: String, _ position: SourcePosition) -> FileLocation {
        FileLocation(path: path, line: position.line, column: position.column)
    }
}
