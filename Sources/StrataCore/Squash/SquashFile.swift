import Foundation
import StrataSQL

/// The text of a squash file, and what refuses a squash before anything is written.
public enum SquashFile {
    /// The first statement that changes rows (`INSERT`, `UPDATE`, `DELETE`, `COPY`, `MERGE`) in the up sections of
    /// `migrations`, with its file:line: a schema dump would lose those rows for every new database.
    public static func firstDataStatement(in migrations: [Migration]) throws(StrataError) -> (migration: Migration, line: Int, verb: String)? {
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            for statement in try migration.up.statements(path: migration.path) {
                guard let verb = statement.keywords.first?.uppercased() else { continue }
                if ["INSERT", "UPDATE", "DELETE", "COPY", "MERGE"].contains(verb) {
                    return (migration, statement.start.line, verb)
                }
            }
        }
        return nil
    }

    /// `pg_dump --schema-only` output as migration SQL: session settings (`SET …;`, the `search_path` reset that
    /// would leak into the next migration of the run) and psql meta-commands left out, nothing else changed.
    public static func schemaSQL(fromDump dump: String) -> String {
        var lines: [Substring] = []
        var blank = false
        for rawLine in dump.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = rawLine
            while let last = line.last, last == " " || last == "\t" || last == "\r" { line = line.dropLast() }
            if line.hasPrefix("SET ") && line.hasSuffix(";") { continue }
            if line.hasPrefix("SELECT pg_catalog.set_config(") { continue }
            if line.hasPrefix("\\") || line.hasPrefix("-- Dumped from ") || line.hasPrefix("-- Dumped by ") { continue }
            if line.isEmpty {
                if blank || lines.isEmpty { continue }
                blank = true
            } else {
                blank = false
            }
            lines.append(line)
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The squash file replacing `migrations` (oldest first), whose up section is `schemaSQL`.
    public static func text(replacing migrations: [Migration], schemaSQL: String, date: Date = Date()) -> String {
        let sorted = migrations.sorted { $0.version < $1.version }
        let first = sorted.first.map { "\($0.version) \($0.name)" } ?? "?"
        let last = sorted.last.map { "\($0.version) \($0.name)" } ?? "?"
        let day = ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC") ?? .current, formatOptions: [.withFullDate])
        return """
            -- The schema of \(sorted.count) migrations (\(first) … \(last)), squashed by `strata squash` on \(day).
            -- A database that applied them sees this file as applied; a new database runs it instead of them.
            -- The old files are in squashed/ next to this folder, for reference (they never run from there).
            -- Do not edit the lines below: they let the history of either kind of database match this file.

            """
            + SquashedVersions.lines(replacing: sorted).joined(separator: "\n")
            + "\n-- strata:up\n" + schemaSQL
    }
}
