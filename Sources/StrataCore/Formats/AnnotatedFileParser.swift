import StrataSQL

/// Reads a file that keeps up and down in one file behind comment annotations (dbmate, goose, sql-migrate),
/// line by line as those tools do, into Strata's migration model.
///
/// A `StatementBegin` / `StatementEnd` block reaches the executor as one statement: Strata's splitter already keeps
/// `$$` bodies, `BEGIN ATOMIC … END` and parentheses whole, and a `;` is added where the block ends so a last
/// statement without one does not run into the next.
public enum AnnotatedFileParser {
    /// Parses `file` as a migration with `version` and `name`.
    public static func parse(
        _ file: MigrationFileText, version: MigrationVersion, name: String, dialect: AnnotationDialect
    ) throws(StrataError) -> Migration {
        let parsed = try sections(of: file, dialect: dialect)
        guard let up = parsed.up else {
            throw StrataError(
                .invalidMigration, "the file has no '\(dialect.upMarker)' line",
                location: FileLocation(path: file.path, line: 1),
                hint: "a \(dialect.format) migration starts its SQL with '\(dialect.upMarker)'")
        }
        let directives = ForeignSectionRules.directives(in: file.text)
        var migration = Migration(
            version: version, name: name, path: file.path, up: ForeignSectionRules.unwrappingTransaction(up),
            down: parsed.down.map(ForeignSectionRules.unwrappingTransaction),
            transactionMode: parsed.noTransaction ? .nonTransactional : .transactional,
            directives: directives, checksum: file.checksum())
        if directives.contains(where: { $0.name == "no-transaction" }) { migration.transactionMode = .nonTransactional }
        return migration
    }

    /// The up and down sections of `file` and whether any annotation asked for no transaction.
    static func sections(
        of file: MigrationFileText, dialect: AnnotationDialect
    ) throws(StrataError) -> (up: MigrationSection?, down: MigrationSection?, noTransaction: Bool) {
        enum Part { case preamble, up, down }
        var part = Part.preamble
        var noTransaction = false
        var up: MigrationSection?
        var down: MigrationSection?
        var current = ""
        var origin = SourcePosition.start
        var blockStart: Int?
        var offset = 0

        func close(_ part: Part) {
            let section = MigrationSection(sql: current, origin: origin)
            switch part {
            case .up: up = section
            case .down: down = section
            case .preamble: break
            }
        }

        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            let lineNumber = index + 1
            let line = String(rawLine)
            let trimmed = line.trimmingSpaces()
            let lineLength = rawLine.utf8.count + (index + 1 < lines.count ? 1 : 0)
            defer { offset += lineLength }
            let location = FileLocation(path: file.path, line: lineNumber)
            guard let annotation = dialect.classify(trimmed) else {
                if part == .preamble {
                    if !trimmed.isEmpty && !trimmed.hasPrefix("--") {
                        throw StrataError(
                            .invalidMigration, "SQL before the '\(dialect.upMarker)' line belongs to no section",
                            location: location, hint: "move it below '\(dialect.upMarker)'")
                    }
                } else {
                    current += line + (index + 1 < lines.count ? "\n" : "")
                }
                continue
            }
            switch annotation {
            case .up(let flag), .down(let flag):
                let isUp: Bool
                if case .up = annotation { isUp = true } else { isUp = false }
                if let blockStart {
                    throw StrataError(
                        .invalidMigration, "the StatementBegin on line \(blockStart) has no StatementEnd",
                        location: FileLocation(path: file.path, line: blockStart))
                }
                if (isUp && up != nil) || (!isUp && down != nil) || (isUp && part == .up) || (!isUp && part == .down) {
                    throw StrataError(
                        .invalidMigration, "the \(isUp ? "up" : "down") section appears twice", location: location)
                }
                close(part)
                part = isUp ? .up : .down
                noTransaction = noTransaction || flag
                current = ""
                origin = SourcePosition(offset: offset + lineLength, line: lineNumber + 1, column: 1)
            case .statementBegin:
                guard part != .preamble, blockStart == nil else {
                    throw StrataError(
                        .invalidMigration,
                        part == .preamble ? "StatementBegin outside the up and down sections" : "StatementBegin inside another block",
                        location: location)
                }
                blockStart = lineNumber
                current += "\n"
            case .statementEnd:
                guard blockStart != nil else {
                    throw StrataError(.invalidMigration, "StatementEnd without a StatementBegin", location: location)
                }
                blockStart = nil
                // Ends the block's last statement even when it has no `;`; an extra `;` is an empty statement.
                current += ";\n"
            case .noTransaction:
                noTransaction = true
                if part != .preamble { current += "\n" }
            case .unsupported(let text):
                throw StrataError(
                    .invalidMigration, "'\(text)' is not supported by Strata", location: location,
                    hint: "remove the annotation (substitute environment variables by hand)")
            }
        }
        if let blockStart {
            throw StrataError(
                .invalidMigration, "the StatementBegin on line \(blockStart) has no StatementEnd",
                location: FileLocation(path: file.path, line: blockStart))
        }
        close(part)
        return (up, down, noTransaction)
    }
}
