import Foundation
import NIOCore
import PostgresNIO
import StrataCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The fast path of a JSON Lines import: the lines go to the server as they are (one COPY into a temporary table of
/// one jsonb column, so each record is parsed once, in C), and PostgreSQL converts the values in one
/// `INSERT … SELECT`. Measured before (BENCHMARKS.md): 100,000 records took 12.2 s on the Swift path of a debug build, 10.9 s
/// of it client CPU reading and mapping records. Any record the server refuses, or a key with no column, sends the import back to the exact path
/// (``Importer/run(_:readRejects:into:mode:renames:extraColumn:maxErrors:)``), which names each bad record by
/// file:line; so this path only ever loads a clean file, and loads it the same way.
struct ServerSideJSONLines: Sendable {
    let session: DatabaseSession

    /// Why the fast path stepped aside (never shown as an error: the exact path runs instead).
    enum Fallback: Error { case needsExactPath(String) }

    /// A failure of the commit hook, passed through untouched.
    struct HookFailure: Error { let error: StrataError }

    /// `'text'` as an SQL literal.
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// `ARRAY['a', 'b']::text[]`.
    static func textArray(_ texts: [String]) -> String { "ARRAY[" + texts.map(literal).joined(separator: ", ") + "]::text[]" }

    /// Lines of `bytes` that hold something, with their 1-based line numbers: the bytes without a trailing CR.
    static func lines(_ bytes: [UInt8]) -> [(line: Int, range: Range<Int>)] {
        var result: [(Int, Range<Int>)] = []
        var start = 0
        var number = 1
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            while start < count {
                let found = memchr(base + start, 0x0A, count - start)
                let end = found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? count
                var last = end
                if last > start, base[last - 1] == 0x0D { last -= 1 }
                var blank = true
                var index = start
                while index < last {
                    let byte = base[index]
                    if byte != 0x20 && byte != 0x09 { blank = false; break }
                    index += 1
                }
                if !blank { result.append((number, start..<last)) }
                number += 1
                start = end + 1
            }
        }
        return result
    }

    /// Writes `range` of `bytes` as one COPY text field with U+0001 as the delimiter: only backslashes need doubling
    /// (valid JSON has no raw control characters inside strings, and a tab between tokens is data here).
    static func writeField(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into buffer: inout ByteBuffer) {
        guard let base = bytes.baseAddress else { return }
        var start = range.lowerBound
        while start < range.upperBound {
            let found = memchr(base + start, 0x5C, range.upperBound - start)
            let end = found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? range.upperBound
            buffer.writeBytes(UnsafeRawBufferPointer(start: base + start, count: end - start))
            if end < range.upperBound { buffer.writeStaticString("\\\\") }
            start = end + 1
        }
    }

    /// Loads `bytes` into the described table in one transaction; throws ``Fallback`` (after rolling back) when the
    /// exact path must run instead, a `StrataError` for anything else.
    /// `lines` limits the load to those lines (a chunk); `beforeCommit` runs inside the transaction before COMMIT
    /// (a failure there is thrown as it is, never a reason to fall back).
    func load(
        _ bytes: [UInt8], path: String, into described: Importer.Described, mapping: ImportMapping, mode: ImportMode,
        lines chunk: [(line: Int, range: Range<Int>)]? = nil, beforeCommit: ImportCommitHook? = nil
    ) async throws -> ImportSummary {
        let lines = chunk ?? Self.lines(bytes)
        try await session.run("BEGIN")
        do {
            let summary = try await loadInTransaction(bytes, lines: lines, into: described, mapping: mapping, mode: mode)
            do throws(StrataError) {
                try await beforeCommit?(summary)
            } catch {
                throw HookFailure(error: error)
            }
            try await session.run("COMMIT")
            return summary
        } catch let failure as HookFailure {
            await session.rollbackQuietly()
            throw failure.error
        } catch {
            await session.rollbackQuietly()
            if let failure = error as? StrataError, failure.sqlState != nil, failure.code != .connection {
                throw Fallback.needsExactPath("the server refused a record (\(failure.sqlState ?? "")): \(failure.message)")
            }
            throw error
        }
    }

    private func copyLines(
        _ bytes: [UInt8], lines: [(line: Int, range: Range<Int>)], options: PostgresCopyFromFormat.TextOptions
    ) async throws {
        try await session.connection.copyFrom(
            table: "strata_import_raw", columns: ["doc"], format: .text(options), logger: session.logger
        ) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(300_000)
            for (_, range) in lines {
                bytes.withUnsafeBufferPointer { Self.writeField($0, range, into: &buffer) }
                buffer.writeInteger(UInt8(ascii: "\n"))
                if buffer.readableBytes >= 262_144 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    private func loadInTransaction(
        _ bytes: [UInt8], lines: [(line: Int, range: Range<Int>)], into described: Importer.Described,
        mapping: ImportMapping, mode: ImportMode
    ) async throws -> ImportSummary {
        try await session.run("""
            CREATE TEMP TABLE strata_import_raw (doc jsonb) ON COMMIT DROP
            """)
        try session.ensureOpen()
        var options = PostgresCopyFromFormat.TextOptions()
        options.delimiter = "\u{1}"
        do {
            try await copyLines(bytes, lines: lines, options: options)
        } catch {
            throw PostgresErrorMapping.strataError(error, code: .jobFailed, target: session.target)
        }
        // The keys: those of the first 1,000 records, then one cheap pass that proves no record has another key
        // (or is not an object); only when one does are all keys collected (a slower pass).
        let sampled = try await session.run(
            "SELECT DISTINCT k FROM (SELECT doc FROM strata_import_raw LIMIT 1000) AS r, jsonb_object_keys(r.doc) AS k")
        var keys = sampled.compactMap { try? $0.decode(String.self) }
        let others = try await session.run(PostgresQuery(unsafeSQL: """
            SELECT EXISTS (SELECT 1 FROM strata_import_raw
                WHERE jsonb_typeof(doc) <> 'object' OR doc - \(Self.textArray(keys)) <> '{}'::jsonb)
            """))
        if (try? others.first?.decode(Bool.self)) == true {
            let all = try await session.run(
                "SELECT DISTINCT k FROM strata_import_raw, jsonb_object_keys(strata_import_raw.doc) AS k")
            keys = all.compactMap { try? $0.decode(String.self) }
        }
        keys.sort()
        var byColumn: [String: String] = [:]
        var extraKeys: [String] = []
        for key in keys {
            if let column = mapping.column(for: key), column != mapping.extraColumn {
                guard byColumn[column] == nil else { throw Fallback.needsExactPath("two keys map to column \(column)") }
                byColumn[column] = key
            } else if mapping.extraColumn != nil {
                extraKeys.append(key)
            } else {
                throw Fallback.needsExactPath("key '\(key)' has no column")
            }
        }
        let types = try await session.run("""
            SELECT attname::text, format_type(atttypid, atttypmod) FROM pg_attribute
            WHERE attrelid = to_regclass(\(described.name)) AND attnum > 0 AND NOT attisdropped
            """)
        var typeOf: [String: String] = [:]
        for row in types { if let (name, type) = try? row.decode((String, String).self) { typeOf[name] = type } }
        var columns: [String] = []
        var expressions: [String] = []
        for column in described.columns {
            if let key = byColumn[column] {
                let literal = Self.literal(key)
                let type = typeOf[column] ?? "text"
                columns.append(column)
                // The value's text (a string's content, an object's JSON), converted by the column type's input
                // function: what COPY does with the exact path's text. A jsonb column takes a non-string value as
                // it is (no print and parse again), a string's content parsed and a JSON null as NULL, as the exact path does.
                if type == "jsonb" {
                    expressions.append(
                        "CASE jsonb_typeof(doc->\(literal)) WHEN 'string' THEN (doc->>\(literal))::jsonb WHEN 'null' THEN NULL ELSE doc->\(literal) END")
                } else {
                    expressions.append("(doc->>\(literal))::\(type)")
                }
            } else if column == mapping.extraColumn, !extraKeys.isEmpty {
                columns.append(column)
                expressions.append("nullif(doc - \(Self.textArray(byColumn.values.sorted())), '{}'::jsonb)")
            }
        }
        guard !columns.isEmpty || lines.isEmpty else {
            throw StrataError(.usage, "import: no key of the records names a column of \(described.name)")
        }
        let target = try await Importer(session: session).prepareTarget(described, mode: mode)
        let list = columns.map(SQLIdentifier.quoted).joined(separator: ", ")
        let inserted = columns.isEmpty ? [] : try await session.run(PostgresQuery(unsafeSQL: """
            WITH loaded AS (
                INSERT INTO \(target) (\(list))
                SELECT \(expressions.joined(separator: ", ")) FROM strata_import_raw RETURNING 1
            ) SELECT count(*) FROM loaded
            """))
        let loaded = (try? inserted.first?.decode(Int64.self)).map { Int($0) } ?? 0
        let changed = try await Importer(session: session).finishUpsert(described, columns: columns, mode: mode)
        return ImportSummary(read: lines.count, loaded: loaded, changed: changed, rejects: [], parsedByServer: true)
    }
}
