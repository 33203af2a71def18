/// How `strata import` writes into the table.
public enum ImportMode: String, Sendable, CaseIterable {
    /// COPY into the table; a duplicate key is a bad record naming the key.
    case insert
    /// COPY into a staging table, then `INSERT … ON CONFLICT (primary key) DO UPDATE` only where a value differs:
    /// rerunning an import changes nothing.
    case upsert
    /// `TRUNCATE` the table, then COPY, in the same transaction.
    case replace
}
