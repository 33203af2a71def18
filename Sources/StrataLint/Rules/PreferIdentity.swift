/// A `serial` / `bigserial` / `smallserial` column where PostgreSQL 10 and later offer identity columns: a serial's
/// sequence is a separate object with its own permissions, and the column's default can be dropped or overwritten.
package struct PreferIdentity: LintRule {
    /// Creates the rule.
    package init() {}

    /// `prefer-identity`.
    package var id: String { "prefer-identity" }
    /// A warning: a type preference.
    package var defaultSeverity: LintSeverity { .warning }
    /// What the rule catches.
    package var summary: String { "serial columns are a legacy; use GENERATED … AS IDENTITY (PostgreSQL 10+)." }
    /// The safe alternative.
    package var help: String {
        "write `id bigint GENERATED ALWAYS AS IDENTITY` (BY DEFAULT if the application must insert explicit ids)"
    }

    /// Flags serial pseudo-types in `CREATE TABLE` and `ADD COLUMN` when the target PostgreSQL is 10 or later.
    package func check(_ file: LintFile) -> [LintViolation] {
        guard file.targetPostgresVersion >= 10 else { return [] }
        return file.declaredColumns.compactMap { declared in
            let type: String
            switch declared.type.base {
            case .smallserial: type = "smallint"
            case .serial, .bigserial: type = "bigint"
            default: return nil
            }
            return violation(
                "\(declared.subject): a serial column's sequence is a separate object with its own grants and owner, "
                    + "and inserts can bypass or reset it; identity columns replace serial",
                at: declared.statement, token: declared.type.tokenIndex,
                help: "write `\(declared.column.name) \(type) GENERATED ALWAYS AS IDENTITY` (BY DEFAULT if the "
                    + "application must insert explicit values)")
        }
    }
}
