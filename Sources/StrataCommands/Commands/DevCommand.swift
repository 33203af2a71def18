import ArgumentParser
import Foundation
import StrataCore
import StrataPostgres

/// `strata dev`: the embedded PostgreSQL under `.strata/postgres/`.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Manage the embedded PostgreSQL Strata uses when no database is configured.",
        subcommands: [Start.self, Stop.self, Status.self, URLCommand.self])

    static func server(_ context: ProjectContext) -> EmbeddedPostgres {
        EmbeddedPostgres(
            projectDirectory: FileManager.default.currentDirectoryPath, environment: context.environment,
            logger: context.logger)
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start", abstract: "Create (first time) and start the embedded server; print its URL.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try ProjectContext(options: global)
            let settings = try await DevCommand.server(context).start()
            Console.standardOutput.write(settings.redactedURL)
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop the embedded server.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try ProjectContext(options: global)
            try await DevCommand.server(context).stop()
            if !global.quiet { Console.standardOutput.write("stopped") }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: "Say whether the embedded server exists and runs.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try ProjectContext(options: global)
            let server = DevCommand.server(context)
            Console.standardOutput.write("\(server.status()) — \(server.directory)")
        }
    }

    struct URLCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "url", abstract: "Print the embedded server's connection URL (for psql, an app, DATABASE_URL).",
            discussion: "When a database is configured (--database-url, DATABASE_URL, strata.toml or a PG* variable), "
                + "a note on standard error says so: the other commands use that database, not the embedded server.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try ProjectContext(options: global)
            Console.standardOutput.write(DevCommand.server(context).url())
            if let source = DatabaseTarget.configurationSource(context) {
                Console.standardError.write(
                    "note: \(source) configures another database, which strata commands here use instead of the "
                        + "embedded server")
            }
        }
    }
}
