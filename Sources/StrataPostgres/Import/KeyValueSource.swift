import PostgresNIO
import StrataCore

/// Records from a key-value table inside PostgreSQL (`key text, value jsonb`, keys like `concert:123`): the rows
/// whose key starts with `prefix`, in key order, each located as `TABLE key`.
public enum KeyValueSource {
    /// Reads the records; `table` is SQL text as `to_regclass` reads it (quote it first).
    public static func read(
        table: String, prefix: String, in session: DatabaseSession
    ) async throws(StrataError) -> (records: [ImportRecord], rejects: [ImportReject]) {
        let found = try await session.run("SELECT to_regclass(\(table))::text")
        guard let name = try? found.first?.decode(String?.self) else {
            throw StrataError(.usage, "--from-kv: table \(table) does not exist")
        }
        let rows = try await session.run(PostgresQuery(
            unsafeSQL: "SELECT key::text, value::text FROM \(name) WHERE starts_with(key::text, $1) ORDER BY key",
            binds: { var binds = PostgresBindings(); binds.append(prefix); return binds }()))
        var records: [ImportRecord] = []
        var rejects: [ImportReject] = []
        for row in rows {
            guard let (key, value) = try? row.decode((String, String?).self) else { continue }
            let location = "\(name) \(key)"
            guard let value else {
                rejects.append(ImportReject(location: location, reason: "the value is NULL"))
                continue
            }
            switch ImportSource.object(value, location: location, idFromKey: String(key.dropFirst(prefix.count))) {
            case .success(let record): records.append(record)
            case .failure(let reject): rejects.append(reject)
            }
        }
        return (records, rejects)
    }
}
