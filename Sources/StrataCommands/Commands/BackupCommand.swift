import ArgumentParser
import Foundation
import StrataCore
import StrataPostgres

/// `strata backup`: `pg_dump -Fc` of the target database with a manifest; `strata backup list` shows them.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up the database with pg_dump -Fc and a manifest (strata backup list shows them).",
        discussion: """
            Writes .strata/backups/<database>-<UTC timestamp>.dump (or backup.dir in strata.toml, or --out) and \
            <name>.manifest.json beside it: server version, database, size, SHA-256, the newest applied migration \
            and Strata's version. pg_dump must be at least the server's major version; it is looked for where the \
            server programs are. The password reaches pg_dump through the environment only.
            """,
        subcommands: [Create.self, List.self], defaultSubcommand: Create.self)

    /// `strata backup [create]`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Back up the database (the default: `strata backup` runs this).")

        @Option(help: ArgumentHelp("Write the dump here instead of the backups folder.", valueName: "path"))
        var out: String?

        @Option(help: ArgumentHelp(
            "Then remove all but the newest N backups of this database in the backups folder.", valueName: "n"))
        var keep: Int?

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try ProjectContext(options: global)
            if let keep, keep < 1 { throw StrataError(.usage, "--keep \(keep): keep at least 1 backup") }
            let clock = ContinuousClock()
            let start = clock.now
            let (path, manifest) = try await BackupTaking.take(context, session: nil, out: out)
            if !global.quiet {
                Console.standardOutput.write(BackupTaking.summary(
                    path: path, manifest: manifest, milliseconds: (clock.now - start).wholeMilliseconds))
            }
            guard let keep else { return }
            let directory = try BackupTaking.directory(context)
            let mine = BackupTaking.manifests(in: directory).filter { $0.manifest.database == manifest.database }
            for doomed in BackupRetention.toRemove(mine.map(\.manifest), keep: keep) {
                guard let entry = mine.first(where: { $0.manifest == doomed }) else { continue }
                let dump = (directory as NSString).appendingPathComponent(doomed.file)
                try? FileManager.default.removeItem(atPath: dump)
                try? FileManager.default.removeItem(atPath: entry.path)
                if !global.quiet { Console.standardOutput.write("removed \(dump) (--keep \(keep))") }
            }
        }
    }

    /// `strata backup list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the backups in the backups folder, oldest first.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try ProjectContext(options: global)
            let directory = try BackupTaking.directory(context)
            let found = BackupTaking.manifests(in: directory)
            if found.isEmpty {
                Console.standardOutput.write("no backups in \(directory)")
                return
            }
            for (_, manifest) in found {
                let newest = manifest.newestMigration.map { "\($0.version) \($0.name)" } ?? "-"
                Console.standardOutput.write(
                    "\(directory)/\(manifest.file)  \(manifest.createdAt)  \(BackupTaking.byteText(manifest.sizeBytes))"
                        + "  \(manifest.database)  PostgreSQL \(manifest.serverVersion)  newest: \(newest)")
            }
        }
    }
}
