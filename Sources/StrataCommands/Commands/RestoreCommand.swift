import ArgumentParser
import Foundation
import StrataCore
import StrataPostgres

/// `strata restore PATH`: checks a backup against its manifest, then restores it with `pg_restore`.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup taken by strata backup (checked against its manifest first).",
        discussion: """
            The file's size and SHA-256 must match its manifest before anything is touched. Without --into, the \
            target database is dropped, created again and restored: refused on a configured database unless \
            --force --confirm NAME names it (as reset). With --into NAME, a new database NAME is created on the same \
            server and restored; an existing NAME is refused. Afterwards the restored history must match the \
            manifest (exit 4 otherwise).
            """)

    @Argument(help: ArgumentHelp("The .dump file (its .manifest.json beside it).", valueName: "path"))
    var path: String

    @Option(help: ArgumentHelp("Restore into a new database of this name instead of the target.", valueName: "name"))
    var into: String?

    @Flag(help: "Allow replacing a configured database (needs --confirm NAME too).")
    var force = false

    @Option(help: ArgumentHelp("The database's name, typed again, with --force.", valueName: "name"))
    var confirm: String?

    @Flag(name: .customLong("no-owner"), help: "Do not restore the objects' owners (restore as the connecting role).")
    var noOwner = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try ProjectContext(options: global)
        let manifest = try DatabaseRestore.verifiedManifest(forDump: path)
        let clock = ContinuousClock()
        let start = clock.now
        var settings: ConnectionSettings
        let configured = try await DatabaseSetup.configuredSettings(context)
        if let configured {
            settings = configured
        } else {
            settings = try await DatabaseTarget.resolve(context).settings
        }
        if let into {
            settings.database = into
            guard try await DatabaseProvisioner.createIfMissing(settings, logger: context.logger) else {
                throw StrataError(
                    .refused, "database \(into) already exists; restore --into creates a new database",
                    hint: "choose another name, or drop \(into) first")
            }
        } else {
            if let configured {
                try Self.authorize(database: configured.database, target: configured.redactedURL, force: force, confirm: confirm)
            }
            try await DatabaseProvisioner.recreate(settings, logger: context.logger)
        }
        try await DatabaseRestore.restore(
            path, manifest: manifest, into: settings, history: HistoryTable(schema: context.schema), noOwner: noOwner,
            environment: context.environment, logger: context.logger)
        if !global.quiet {
            let newest = manifest.newestMigration.map { "newest migration \($0.version) \($0.name)" } ?? "no migration applied"
            Console.standardOutput.write(
                "restored \(path) into \(settings.database) (\(manifest.appliedCount) applied, \(newest)) in "
                    + "\((clock.now - start).wholeMilliseconds) ms")
        }
    }

    /// Refuses (exit 2) unless `force` is set and `confirm` equals the database's name.
    static func authorize(database: String, target: String, force: Bool, confirm: String?) throws(StrataError) {
        guard force, let confirm, confirm == database else {
            throw StrataError(
                .refused, "refusing to restore over \(target): it is not the embedded default database"
                    + (force && confirm != nil ? " and --confirm does not match its name" : ""),
                hint: "restore drops the database and every row in it first; run again with --force --confirm "
                    + "\(database), or restore into a new database with --into NAME")
        }
    }
}
