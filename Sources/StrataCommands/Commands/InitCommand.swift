import ArgumentParser
import Foundation
import StrataCore

/// `strata init`: scaffolds the project layout.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create db/migrations, db/seeds, db/tests and strata.toml (existing files are kept).")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try ProjectContext(options: global)
        let fileManager = FileManager.default
        var created: [String] = []
        for folder in [context.migrationsDirectory, "db/seeds", "db/tests"] where !fileManager.fileExists(atPath: folder) {
            do {
                try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw StrataError(.io, "cannot create the folder '\(folder)'", detail: "\(error)")
            }
            created.append(folder + "/")
        }
        let files: [(String, String)] = [
            ("strata.toml", Templates.configuration(migrationsDirectory: context.migrationsDirectory)),
            (".gitignore", ".strata/\n"),
        ]
        for (path, text) in files {
            if fileManager.fileExists(atPath: path) {
                if path == ".gitignore", let existing = fileManager.contents(atPath: path),
                    !String(decoding: existing, as: UTF8.self).contains(".strata/")
                {
                    try FileWriting.write(String(decoding: existing, as: UTF8.self) + "\n.strata/\n", to: path)
                    created.append(".gitignore (+ .strata/)")
                }
                continue
            }
            try FileWriting.write(text, to: path)
            created.append(path)
        }
        if !global.quiet {
            Console.standardOutput.write(created.isEmpty ? "Already initialised." : "Created " + created.joined(separator: ", "))
        }
    }
}
