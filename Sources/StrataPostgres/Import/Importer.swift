import Foundation
import Logging
import NIOCore
import PostgresNIO
import StrataCore

/// What an import did: read = loaded + rejected.
public struct ImportSummary: Sendable {
    /// Records read from the source.
    public var read: Int
    /// Records loaded (copied; for upsert, staged).
    public var loaded: Int
    /// Rows an upsert inserted or changed (0 on a rerun).
    public var changed: Int?
    /// Bad records, with where and why.
    public var rejects: [ImportReject]
    /// True when the server parsed the records (the JSON Lines fast path), false when Strata did.
    public var parsedByServer = false
}

/// Work done inside an import's transaction just before its COMMIT, with what the transaction loaded: a chunked
/// import records its checkpoint here, so the chunk's rows and its checkpoint commit together or not at all.
public typealias ImportCommitHook = @Sendable (ImportSummary) async throws(StrataError) -> Void

/// Loads records into a table through postgres-nio's `copyFrom` (COPY … FROM STDIN, text format), in one
/// transaction. A record PostgreSQL refuses (a bad value, a duplicate key, a NOT NULL column left empty) is found by
/// the line COPY names, set aside with its source location and SQLSTATE, and the COPY runs again without it, up to
/// `maxErrors` bad records; past that nothing is loaded.
public struct Importer: Sendable {
    /// The connection.
    public let session: DatabaseSession

    /// Creates an importer on `session`.
    public init(session: DatabaseSession) { self.session = session }

    /// A table as an import sees it.
    struct Described: Sendable {
        /// Its name as regclass text (quoted where needed).
        var name: String
        /// Its name for postgres-nio's copyFrom.
        var copyName: String
        /// Its columns, in order.
        var columns: [String]
        /// Its primary key columns.
        var key: [String]
    }

    /// The table's name (regclass text), columns in order and primary key columns.
    func describe(_ table: String) async throws(StrataError) -> Described {
        let found = try await session.run("""
            SELECT c.oid::regclass::text, n.nspname::text, c.relname::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(\(table))
            """)
        guard let (name, schema, relation) = try? found.first?.decode((String, String, String).self) else {
            throw StrataError(.usage, "import: table \(table) does not exist", hint: "create it with a migration first")
        }
        // postgres-nio's copyFrom wraps the table name in double quotes as it is: give it `schema"."table` with
        // embedded quotes doubled, which it turns into the quoted "schema"."table".
        let copyName = Self.copyIdentifier(schema) + "\".\"" + Self.copyIdentifier(relation)
        let columns = try await session.run("""
            SELECT attname::text FROM pg_attribute
            WHERE attrelid = to_regclass(\(table)) AND attnum > 0 AND NOT attisdropped ORDER BY attnum
            """).compactMap { try? $0.decode(String.self) }
        let key = try await session.run("""
            SELECT a.attname::text FROM pg_index i
            CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = to_regclass(\(table)) AND i.indisprimary ORDER BY k.position
            """).compactMap { try? $0.decode(String.self) }
        return Described(name: name, copyName: copyName, columns: columns, key: key)
    }

    /// Inside the import's transaction: empties the table for `replace`, creates the staging table for `upsert`;
    /// returns where rows go (SQL name).
    func prepareTarget(_ described: Described, mode: ImportMode) async throws(StrataError) -> String {
        switch mode {
        case .replace:
            try await session.run(PostgresQuery(unsafeSQL: "TRUNCATE \(described.name)"))
            return described.name
        case .upsert:
            try await session.run(PostgresQuery(unsafeSQL:
                "CREATE TEMP TABLE strata_import_staging (LIKE \(described.name) INCLUDING DEFAULTS) ON COMMIT DROP"))
            return "strata_import_staging"
        case .insert:
            return described.name
        }
    }

    /// For `upsert`: the staged rows into the table, changing only rows that differ; returns how many changed.
    func finishUpsert(_ described: Described, columns: [String], mode: ImportMode) async throws(StrataError) -> Int? {
        guard mode == .upsert, !columns.isEmpty else { return mode == .upsert ? 0 : nil }
        let list = columns.map(SQLIdentifier.quoted).joined(separator: ", ")
        let keys = described.key.map(SQLIdentifier.quoted).joined(separator: ", ")
        let others = columns.filter { !described.key.contains($0) }.map(SQLIdentifier.quoted)
        let action = others.isEmpty
            ? "DO NOTHING"
            : "DO UPDATE SET " + others.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
                + " WHERE (" + others.map { "\(described.name).\($0)" }.joined(separator: ", ") + ") IS DISTINCT FROM ("
                + others.map { "EXCLUDED.\($0)" }.joined(separator: ", ") + ")"
        let result = try await session.run(PostgresQuery(unsafeSQL: """
            WITH upserted AS (
                INSERT INTO \(described.name) (\(list)) SELECT \(list) FROM strata_import_staging
                ON CONFLICT (\(keys)) \(action) RETURNING 1
            ) SELECT count(*) FROM upserted
            """))
        return (try? result.first?.decode(Int64.self)).map { Int($0) }
    }

    /// Imports the JSON Lines `bytes` read from `path`: the server parses them when the file is clean (the fast
    /// path, ``ServerSideJSONLines``), and the exact path runs when it is not, naming each bad record.
    public func runJSONLines(
        _ bytes: [UInt8], path: String, into table: String, mode: ImportMode, renames: [String: String],
        extraColumn: String?, maxErrors: Int
    ) async throws(StrataError) -> ImportSummary {
        let described = try await describe(table)
        let mapping = try ImportMapping(columns: described.columns, renames: renames, extraColumn: extraColumn)
        if mode == .upsert && described.key.isEmpty {
            throw StrataError(.usage, "import --mode upsert: \(described.name) has no primary key to match rows on")
        }
        do {
            return try await ServerSideJSONLines(session: session).load(
                bytes, path: path, into: described, mapping: mapping, mode: mode)
        } catch let error as StrataError {
            throw error
        } catch ServerSideJSONLines.Fallback.needsExactPath(let reason) {
            session.logger.debug("import: the exact path runs (\(reason))")
        } catch {
            throw StrataError(.internal, "import: \(error)")
        }
        let source = try ImportSource.read(bytes, path: path, format: .jsonl, key: nil)
        return try await run(
            source.records, readRejects: source.rejects, into: table, mode: mode, renames: renames,
            extraColumn: extraColumn, maxErrors: maxErrors)
    }

    /// An identifier for postgres-nio's copyFrom, which adds the surrounding quotes itself: embedded quotes doubled.
    static func copyIdentifier(_ name: String) -> String { name.replacingOccurrences(of: "\"", with: "\"\"") }

    /// Imports `records` (with `readRejects`, the records the reader could not parse) into `table` (SQL text as
    /// `to_regclass` reads it; quote it first).
    public func run(
        _ records: [ImportRecord], readRejects: [ImportReject], into table: String, mode: ImportMode,
        renames: [String: String], extraColumn: String?, maxErrors: Int, beforeCommit: ImportCommitHook? = nil
    ) async throws(StrataError) -> ImportSummary {
        let described = try await describe(table)
        let mapping = try ImportMapping(columns: described.columns, renames: renames, extraColumn: extraColumn)
        var rejects = readRejects
        var mapped: [(record: ImportRecord, row: [String: String?])] = []
        var cache: [String: String?] = [:]
        mapped.reserveCapacity(records.count)
        for record in records {
            do throws(ImportRejection) {
                mapped.append((record, try mapping.row(record, cache: &cache)))
            } catch {
                rejects.append(ImportReject(location: record.location, reason: error.reason))
            }
        }
        try Self.check(rejects, maxErrors: maxErrors)
        let used = Set(mapped.flatMap { $0.row.keys })
        let columns = described.columns.filter(used.contains)
        guard !columns.isEmpty || mapped.isEmpty else { throw StrataError(.usage, "import: no key of the records names a column of \(described.name)") }
        if mode == .upsert && described.key.isEmpty {
            throw StrataError(.usage, "import --mode upsert: \(described.name) has no primary key to match rows on")
        }
        var rows = mapped
        var changed: Int?
        let read = records.count + readRejects.count
        try await session.inTransaction { () throws(StrataError) in
            let target = try await prepareTarget(described, mode: mode)
            guard !columns.isEmpty else {
                try await beforeCommit?(ImportSummary(read: read, loaded: 0, changed: mode == .upsert ? 0 : nil, rejects: rejects))
                return
            }
            let copyTarget = target == described.name ? described.copyName : target
            while true {
                try await session.run("SAVEPOINT strata_copy")
                do throws(StrataError) {
                    try await copy(rows.map { row in columns.map { row.row[$0] ?? nil } }, into: copyTarget, columns: columns)
                    try await session.run("RELEASE SAVEPOINT strata_copy")
                    break
                } catch {
                    try await session.run("ROLLBACK TO SAVEPOINT strata_copy")
                    guard let line = Self.copyLine(error), line >= 1, line <= rows.count else { throw error }
                    let bad = rows.remove(at: line - 1)
                    rejects.append(ImportReject(
                        location: bad.record.location,
                        reason: error.message + (error.detail.map { " (\($0))" } ?? ""), sqlState: error.sqlState))
                    try Self.check(rejects, maxErrors: maxErrors)
                }
            }
            changed = try await finishUpsert(described, columns: columns, mode: mode)
            try await beforeCommit?(ImportSummary(read: read, loaded: rows.count, changed: changed, rejects: rejects))
        }
        return ImportSummary(read: read, loaded: rows.count, changed: changed, rejects: rejects)
    }

    /// Throws when there are more bad records than allowed, naming the first.
    static func check(_ rejects: [ImportReject], maxErrors: Int) throws(StrataError) {
        guard rejects.count > maxErrors, let first = rejects.first else { return }
        throw StrataError(
            .jobFailed, "import: \(first.location): \(first.reason)" + (rejects.count > 1 ? " (and \(rejects.count - 1) more bad records)" : ""),
            sqlState: first.sqlState,
            hint: "nothing was loaded; fix the record, or allow bad records with --max-errors N (and --rejects PATH to keep them)")
    }

    /// The row number COPY names in its error context (`COPY t, line 3, column x: "…"`).
    static func copyLine(_ error: StrataError) -> Int? {
        for text in [error.serverContext, error.detail, error.message].compactMap({ $0 }) {
            guard let range = text.range(of: ", line ") else { continue }
            let digits = text[range.upperBound...].prefix { $0.isNumber }
            if let line = Int(digits) { return line }
        }
        return nil
    }

    /// One COPY of `rows` in text format, written in chunks of about 256 KB.
    func copy(_ rows: [[String?]], into table: String, columns: [String]) async throws(StrataError) {
        try session.ensureOpen()
        do {
            try await session.connection.copyFrom(
                table: table, columns: columns.map(Self.copyIdentifier), logger: session.logger
            ) { writer in
                var buffer = ByteBuffer()
                buffer.reserveCapacity(300_000)
                for row in rows {
                    for (index, value) in row.enumerated() {
                        if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                        if let value { Self.writeEscaped(value, into: &buffer) } else { buffer.writeStaticString("\\N") }
                    }
                    buffer.writeInteger(UInt8(ascii: "\n"))
                    if buffer.readableBytes >= 262_144 {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
                if buffer.readableBytes > 0 { try await writer.write(buffer) }
            }
        } catch {
            throw PostgresErrorMapping.strataError(error, code: .jobFailed, target: session.target)
        }
    }

    /// COPY text format: backslash, tab, line feed and carriage return escaped.
    static func writeEscaped(_ value: String, into buffer: inout ByteBuffer) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case 0x09: buffer.writeStaticString("\\t")
            case 0x0A: buffer.writeStaticString("\\n")
            case 0x0D: buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }
}
