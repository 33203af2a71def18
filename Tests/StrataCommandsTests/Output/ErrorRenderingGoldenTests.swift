import Foundation
import Logging
import StrataCore
import StrataPostgres
import Testing

@testable import StrataCommands

/// Each class of error as a user sees it (ErrorRenderer), with its exit status, as golden files
/// (`Golden/errors/<code>.txt`). Where a real producer is cheap to call, the error comes from it.
@Suite struct ErrorRenderingGoldenTests {
    static func produced(_ body: () throws -> Void) -> StrataError {
        do {
            try body()
            return StrataError(.internal, "expected an error")
        } catch let error as StrataError {
            return error
        } catch {
            return StrataError(.internal, "\(error)")
        }
    }

    static func context(_ arguments: [String]) throws -> ProjectContext {
        try ProjectContext(
            options: try GlobalOptions.parse(arguments), environment: [:], configuration: ConfigurationFile(),
            logger: Logger(label: "test"))
    }

    static let errors: [(name: String, error: StrataError)] = [
        ("usage", produced { _ = try context(["--schema", "public"]) }),
        ("configuration", produced {
            try ConfigurationFile.parse("schema = \"app\"\nstatment_timeout = \"1min\"\n", path: "strata.toml")
                .checkKeys(Settings.knownKeys, openSections: Settings.openSections)
        }),
        ("invalid-migration", produced {
            _ = try NativeMigrationParser.parse(
                path: "db/migrations/1_a.sql", version: MigrationVersion("1")!, name: "a",
                bytes: Array("-- strata:up\nSELECT '".utf8) + [0xC3, 0x28] + Array("';\n".utf8))
        }),
        ("sql-syntax", produced {
            let migration = try NativeMigrationParser.parse(
                path: "db/migrations/2_copy.sql", version: MigrationVersion("2")!, name: "copy",
                bytes: Array("-- strata:up\nCREATE TABLE c (id int);\nCOPY c TO STDOUT;\n".utf8))
            _ = try migration.up.statements(path: migration.path)
        }),
        ("invalid-test", produced {
            _ = try SQLTestParser.parse(path: "db/tests/anon.sql", bytes: Array("END;\nDELETE FROM concerts;\n".utf8))
        }),
        ("migration-failed", StrataError(
            .migrationFailed, "column \"nope\" does not exist", location: FileLocation(path: "db/migrations/2_bad.sql", line: 3, column: 8),
            sqlState: "42703", hint: "Perhaps you meant to reference the column \"t.note\".",
            serverContext: "SQL function \"f\" statement 1")),
        ("verify-failed", StrataError(
            .verifyFailed, "the verify query returned false", location: FileLocation(path: "db/migrations/3_v.sql", line: 9))),
        ("requirement-failed", StrataError(
            .requirementFailed, "extension 'vector' is not available", location: FileLocation(path: "db/migrations/4_x.sql", line: 1),
            hint: "install pgvector, or write '-- strata:require extension vector else=skip'")),
        ("connection", StrataError(
            .connection, "cannot connect to the server postgres://app@localhost:1/app", detail: "connection refused",
            hint: "check that PostgreSQL is running and the host and port are right")),
        ("connection-missing-database", StrataError(
            .connection, "database \"shop\" does not exist", sqlState: "3D000",
            hint: "run 'strata setup' to create it (then migrate and seed), or check its name in the URL")),
        ("authentication", StrataError(
            .authentication, "password authentication failed for user \"app\"", sqlState: "28P01",
            hint: "check the user name and password (PGPASSWORD, ~/.pgpass or the URL)")),
        ("configuration-pgservice", produced { _ = try ConnectionSettings.fromEnvironment(["PGSERVICE": "prod"]) }),
        ("validation", StrataError(.validation, "2 migrations are pending", hint: "run strata migrate")),
        ("lock-timeout", StrataError(
            .lockTimeout, "gave up waiting for the migration lock held by pid 4242 (strata) since 12:00:00 after 2s")),
        ("lint-failed", StrataError(.lintFailed, "3 lint findings of error severity", hint: "see strata lint")),
        ("embedded-server", StrataError(
            .embeddedServer, "no PostgreSQL binaries found", hint: "install PostgreSQL or set STRATA_PG_BIN")),
        ("interrupted", StrataError(.interrupted, "interrupted; the running file was rolled back")),
        ("io", StrataError(.io, "cannot write 'db/migrations/1_a.sql'", detail: "permission denied")),
        ("internal", StrataError(.internal, "unexpected failure: something")),
        ("invalid-seed", StrataError(
            .invalidSeed, "'BEGIN' cannot run in a seed file: each seed file runs in one transaction",
            location: FileLocation(path: "db/seeds/plans/001.sql", line: 1, column: 1),
            hint: "remove it; put schema changes that need it in a no-transaction migration")),
        ("seed-failed", StrataError(
            .seedFailed, "relation \"plans\" does not exist", location: FileLocation(path: "db/seeds/plans/001.sql", line: 2, column: 13),
            sqlState: "42P01")),
        ("refused", StrataError(
            .refused, "reset would drop the database shop", hint: "add --force --confirm shop if you mean it")),
    ]

    @Test("each error class renders as its golden file", arguments: errors.map(\.name))
    func renderedErrorMatchesGolden(name: String) throws {
        let error = try #require(Self.errors.first { $0.name == name }?.error)
        let text = "exit \(error.exitStatus.rawValue) (\(error.code))\n" + ErrorRenderer.render(error, color: false)
        try Golden.expect(text, matches: "errors/\(name).txt")
    }

    @Test func colourWrapsOnlyTheLabelsAndLocation() throws {
        let error = StrataError(
            .sqlSyntax, "NUL byte", location: FileLocation(path: "a.sql", line: 2, column: 3), hint: "remove it")
        try Golden.expect(ErrorRenderer.render(error, color: true), matches: "errors/colour.txt")
    }

    @Test func everyCodeHasAGoldenFile() {
        let named = Set(Self.errors.map { $0.error.code.rawValue })
        for code: StrataError.Code in [
            .usage, .configuration, .invalidMigration, .sqlSyntax, .invalidTest, .migrationFailed, .verifyFailed,
            .requirementFailed, .connection, .authentication, .validation, .lockTimeout, .lintFailed, .embeddedServer,
            .interrupted, .io, .internal, .invalidSeed, .seedFailed, .refused,
        ] {
            #expect(named.contains(code.rawValue), "\(code) has no golden file")
        }
    }
}
