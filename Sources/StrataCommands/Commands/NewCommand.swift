import ArgumentParser
import Foundation
import StrataCore

/// `strata new NAME`: a new migration file with a timestamp version and up/down sections.
struct NewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Create a migration file <timestamp>_<name>.sql with up and down sections.")

    @Argument(help: "What the migration does, e.g. add_v2_columns.")
    var name: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try ProjectContext(options: global)
        let slug = Templates.slug(name)
        guard !slug.isEmpty else {
            throw StrataError(.usage, "'\(name)' gives an empty file name", hint: "use letters, digits and underscores")
        }
        let folder = context.migrationsDirectory
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StrataError(.io, "cannot create the folder '\(folder)'", detail: "\(error)")
        }
        var version = Templates.timestamp(Date())
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let existingVersions = Set(existing.compactMap { MigrationFolder.identity(ofFileName: $0)?.version })
        // Two files created within the same second still get distinct, ordered versions.
        while let candidate = MigrationVersion(version), existingVersions.contains(candidate) {
            version = String((Int(version) ?? 0) + 1)
        }
        let path = (folder as NSString).appendingPathComponent("\(version)_\(slug).sql")
        try FileWriting.write(Templates.migration(name: slug), to: path)
        if !global.quiet { Console.standardOutput.write("Created \(path)") }
    }
}
