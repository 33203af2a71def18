import ArgumentParser
import Foundation
import StrataCore
import StrataPostgres

/// `strata dump`: a deterministic schema file; `--check` compares the file with the database.
struct DumpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Write the database's schema to db/schema.sql, byte-stable so it diffs cleanly (--check compares).",
        discussion: """
            pg_dump --schema-only without owners, privileges, tablespaces or Strata's own schema; version lines and \
            blank-line runs removed; the applied migrations listed at the end. Two runs on the same database write \
            the same bytes. With --check nothing is written: exit 4 when the file differs from the database (for CI).
            """)

    @Option(help: ArgumentHelp("The schema file.", valueName: "path"))
    var out = "db/schema.sql"

    @Flag(help: "Compare the file with the database instead of writing it; exit 4 when they differ.")
    var check = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try ProjectContext(options: global)
        let target = try await DatabaseTarget.resolve(context)
        let text = try await context.withSession { session throws(StrataError) in
            try await SchemaDumper.schemaText(
                settings: target.settings, session: session, history: HistoryTable(schema: context.schema),
                environment: context.environment, logger: context.logger)
        }
        let existing = FileManager.default.contents(atPath: out).map { String(decoding: $0, as: UTF8.self) }
        if check {
            guard let existing else {
                throw StrataError(.validation, "\(out) does not exist", hint: "run strata dump and commit the file")
            }
            if let difference = SchemaDumpText.firstDifference(expected: existing, actual: text) {
                throw StrataError(
                    .validation, "\(out) differs from the database at line \(difference.line)",
                    detail: Self.excerpt(file: existing, database: text, line: difference.line),
                    hint: "run strata dump and review the change (or find who changed the database by hand)")
            }
            if !global.quiet { Console.standardOutput.write("\(out) matches the database") }
            return
        }
        if existing == text {
            if !global.quiet { Console.standardOutput.write("\(out) is up to date") }
            return
        }
        let directory = (out as NSString).deletingLastPathComponent
        do {
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw StrataError(.io, "cannot write \(out)", detail: "\(error)")
        }
        if !global.quiet { Console.standardOutput.write("wrote \(out)") }
    }

    /// Three lines of each text from `line` on, for the error's detail.
    static func excerpt(file: String, database: String, line: Int) -> String {
        func lines(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(line - 1).prefix(3)
                .map { "  " + $0 }.joined(separator: "\n")
        }
        return "file, from line \(line):\n\(lines(file))\ndatabase, from line \(line):\n\(lines(database))"
    }
}
