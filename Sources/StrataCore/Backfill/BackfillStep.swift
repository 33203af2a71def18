import StrataSQL

/// `-- strata:backfill NAME` in a no-transaction migration: after the file's statements, the backfill
/// `db/backfills/NAME.sql` runs as the migration's last step (resumed, not repeated, when the migration is rerun),
/// so expand → backfill → contract ships as three ordinary migration files.
public enum BackfillStep {
    /// The backfill names a migration runs, in file order.
    public static func names(in migration: Migration) -> [String] {
        migration.directives.filter { $0.name == "backfill" }.map(\.arguments)
    }

    /// Refuses a backfill step in a transactional file (its batches commit on their own) and a name that is not one.
    static func check(_ migration: Migration, path: String) throws(StrataError) {
        for directive in migration.directives where directive.name == "backfill" {
            let location = FileLocation(path: path, line: directive.position.line)
            guard SQLIdentifier.isPlainName(directive.arguments) else {
                throw StrataError(
                    .invalidMigration, "-- strata:backfill needs the name of a file in db/backfills, not '\(directive.arguments)'",
                    location: location)
            }
            guard migration.transactionMode == .nonTransactional else {
                throw StrataError(
                    .invalidMigration, "-- strata:backfill runs only in a no-transaction migration (its batches commit one by one)",
                    location: location, hint: "add the line '-- strata:no-transaction' to the file")
            }
        }
    }
}
