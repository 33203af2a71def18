import ArgumentParser
import Foundation
import StrataCore

/// `strata new NAME`: a new migration file with a timestamp version and up/down sections.
struct NewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Create a migration file <version>_<name>.sql with up and down sections.",
        discussion: """
            The version is the current UTC time (yyyyMMddHHmmss), or the folder's own format: 12-digit timestamps \
            (yyyyMMddHHmm) or a sequence (1, 2, … keeping zero padding) when the folder already uses one. It always \
            comes after every existing version, so files created in the same second still get distinct, \
            increasing versions.
            """)

    /// The longest file name most file systems accept, in bytes.
    static let maximumFileNameBytes = 255

    @Argument(help: "What the migration does, e.g. add_v2_columns.")
    var name: String

    @Option(name: .customLong("version-format"), help: ArgumentHelp(
        "timestamp14, timestamp12 or sequence (default: the folder's format, else timestamp14).", valueName: "format"))
    var versionFormat: String?

    @OptionGroup var global: FolderOnlyOptions

    func run() async throws {
        let context = try ProjectContext(options: global.globalOptions)
        let slug = Templates.slug(name)
        guard !slug.isEmpty else {
            throw StrataError(.usage, "'\(name)' gives an empty file name", hint: "use letters, digits and underscores")
        }
        let format = try versionFormat.map { (text) throws(StrataError) -> NewMigrationVersion.Format in
            guard let format = NewMigrationVersion.Format(rawValue: text.lowercased()) else {
                throw StrataError(
                    .usage, "--version-format: '\(text)' is not a version format",
                    hint: "use one of: " + NewMigrationVersion.Format.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return format
        }
        let folder = context.migrationsDirectory
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let existingVersions = existing.compactMap { MigrationFolder.identity(ofFileName: $0)?.version }
        let version = NewMigrationVersion.next(existing: existingVersions, now: Date(), format: format)
        let fileName = "\(version)_\(slug).sql"
        guard fileName.utf8.count <= Self.maximumFileNameBytes else {
            let room = Self.maximumFileNameBytes - "\(version)_.sql".utf8.count
            throw StrataError(
                .usage, "the name gives a file name of \(fileName.utf8.count) bytes, more than the "
                    + "\(Self.maximumFileNameBytes) a file system allows",
                hint: "shorten the name to at most \(room) letters, digits and underscores")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StrataError(.io, "cannot create the folder '\(folder)'", detail: "\(error)")
        }
        let path = (folder as NSString).appendingPathComponent(fileName)
        try FileWriting.write(Templates.migration(name: slug), to: path)
        if !global.quiet { Console.standardOutput.write("Created \(path)") }
    }
}
