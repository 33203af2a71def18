import ArgumentParser
import Foundation
import StrataCore

/// `strata convert --to native`: rewrites another tool's folder as Strata's native files.
struct ConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Rewrite a folder of another tool's migrations as native Strata files (one file per version).",
        discussion: """
            Each version becomes <version>_<name>.sql with '-- strata:up' and '-- strata:down' sections, and \
            '-- strata:no-transaction' where the source ran outside a transaction. Repeatable migrations and hooks \
            keep their names. Flyway placeholders are written with the values in effect. The source is not changed. \
            Native files have other checksums: on a database that already applied the source folder, record the new \
            checksums (strata repair) before migrating with the converted folder.
            """)

    @Option(name: .customLong("to"), help: ArgumentHelp("The target format (only native).", valueName: "format"))
    var target: String = "native"

    @Option(name: .customLong("out"), help: ArgumentHelp(
        "The folder to write (default: <dir>-native next to the migrations folder); must be empty or missing.",
        valueName: "path"))
    var output: String?

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: FolderOptions

    func run() async throws {
        guard MigrationFormat(named: target) == .native else {
            throw StrataError(.usage, "--to \(target): Strata converts only to its native format", hint: "use --to native")
        }
        let context = try ProjectContext(options: global, folder: folder)
        let source = context.migrationsDirectory
        let catalog = try context.loadCatalog()
        let files = try NativeMigrationWriter.files(for: catalog)
        let trimmed = source.hasSuffix("/") ? String(source.dropLast()) : source
        let destination = output ?? trimmed + "-native"
        let fileManager = FileManager.default
        if let existing = try? fileManager.contentsOfDirectory(atPath: destination), !existing.isEmpty {
            throw StrataError(.usage, "the output folder '\(destination)' is not empty", hint: "choose another with --out")
        }
        do {
            try fileManager.createDirectory(atPath: destination, withIntermediateDirectories: true)
            for file in files {
                try file.text.write(toFile: destination + "/" + file.name, atomically: true, encoding: .utf8)
            }
        } catch {
            throw StrataError(.io, "cannot write the converted files to '\(destination)'", detail: "\(error)")
        }
        // Read the result back: the converted folder must load as native with the same versions.
        let converted = try MigrationFolder(path: destination, format: .native).loadCatalog()
        guard converted.migrations.map(\.version) == catalog.migrations.map(\.version) else {
            throw StrataError(.internal, "the converted folder '\(destination)' does not read back with the same versions")
        }
        if !global.quiet {
            Console.standardOutput.write(
                "Converted \(catalog.migrations.count) \(catalog.format) migration\(catalog.migrations.count == 1 ? "" : "s")"
                    + (catalog.repeatables.isEmpty ? "" : " and \(catalog.repeatables.count) repeatable(s)")
                    + " to native files in \(destination).")
        }
    }
}
