import Foundation
import Logging
import StrataCore
import StrataTesting
import Testing

@testable import StrataCommands

/// The one settings table: flag > environment > strata.toml > default, each setting declared once.
@Suite struct SettingsTests {
    func context(
        _ arguments: [String] = [], environment: [String: String] = [:], toml: String = ""
    ) throws -> ProjectContext {
        let configuration = try ConfigurationFile.parse(toml, path: "strata.toml")
        try configuration.checkKeys(Settings.knownKeys, openSections: Settings.openSections)
        return try ProjectContext(
            options: try GlobalOptions.parse(arguments), environment: environment, configuration: configuration,
            logger: Logger(label: "test"))
    }

    func failure(_ arguments: [String] = [], environment: [String: String] = [:], toml: String = "") -> StrataError? {
        do {
            _ = try context(arguments, environment: environment, toml: toml).migratorOptions()
            return nil
        } catch let error as StrataError {
            return error
        } catch {
            return StrataError(.internal, "\(error)")
        }
    }

    @Test func flagBeatsEnvironmentBeatsFileBeatsDefault() throws {
        let toml = "lock_timeout = \"3s\"\n"
        #expect(try context().migratorOptions().lockTimeout?.milliseconds == 5_000)
        #expect(try context(toml: toml).migratorOptions().lockTimeout?.milliseconds == 3_000)
        #expect(try context(environment: ["STRATA_LOCK_TIMEOUT": "2s"], toml: toml).migratorOptions().lockTimeout?
            .milliseconds == 2_000)
        #expect(try context(["--lock-timeout", "1s"], environment: ["STRATA_LOCK_TIMEOUT": "2s"], toml: toml)
            .migratorOptions().lockTimeout?.milliseconds == 1_000)
        #expect(try context(environment: ["STRATA_LOCK_TIMEOUT": ""], toml: toml).migratorOptions().lockTimeout?
            .milliseconds == 3_000)
    }

    @Test func aBadValueNamesWhereItCameFrom() throws {
        let flag = try #require(failure(["--lock-retries=-1"]))
        #expect(flag.code == .usage)
        #expect(flag.message == "--lock-retries: '-1' is not a count")
        let variable = try #require(failure(environment: ["STRATA_LOCK_STRATEGY": "mutex"]))
        #expect(variable.message == "STRATA_LOCK_STRATEGY: 'mutex' is not a lock strategy")
        let file = try #require(failure(toml: "\n\nstatement_timeout = \"soon\"\n"))
        #expect(file.code == .configuration)
        #expect(file.exitStatus == .usage)
        #expect(file.message == "'statement_timeout' in strata.toml: 'soon' is not a duration")
        #expect(file.location?.description == "strata.toml:3")
    }

    @Test("an empty schema, public and PostgreSQL's own schemas are refused", arguments: [
        "", "public", "PUBLIC", "pg_catalog", "information_schema",
    ])
    func schemaIsRefused(name: String) throws {
        let error = try #require(failure(["--schema", name]))
        #expect(error.exitStatus == .usage)
        #expect(error.message.hasPrefix("--schema: '\(name)' is not"))
        #expect(error.hint?.contains("strata") == true)
    }

    @Test func theSchemaComesFromTheTable() throws {
        #expect(try context().schema == "strata")
        #expect(try context(environment: ["STRATA_SCHEMA": "app_strata"]).schema == "app_strata")
        #expect(try context(toml: "schema = \"from_file\"").schema == "from_file")
    }

    @Test func everyKeyInTheTableIsKnownToStrataToml() throws {
        let keys = Set(Settings.knownKeys.map(\.name))
        for key in ["database_url", "migrations_dir", "schema", "seeds_dir", "tests_dir", "env", "lock_wait",
                    "lock_timeout", "statement_timeout", "lock_retries", "lock_strategy", "lock_lease", "connect_wait",
                    "format", "hooks.before_migrate", "hooks.after_migrate", "lint.enforce", "lint.pg_version",
                    "lint.disable", "lint.error", "lint.warning", "max_lock_time"] {
            #expect(keys.contains(key), "\(key)")
        }
        #expect(keys.count == Settings.knownKeys.count)
    }

    @Test func theInitTemplateIsAValidConfigurationThatStatesTheDefaults() throws {
        let template = Templates.configuration(migrationsDirectory: "db/migrations")
        #expect(template.contains("# statement_timeout = \"30min\""))
        #expect(template.contains("# lock_timeout = \"5s\""))
        let uncommented = template.split(separator: "\n").map { $0.hasPrefix("# ") && $0.contains(" = ") ? $0.dropFirst(2) : $0 }
            .joined(separator: "\n")
        let parsed = try ConfigurationFile.parse(uncommented, path: "strata.toml")
        try parsed.checkKeys(Settings.knownKeys, openSections: Settings.openSections)
        let options = try context(toml: uncommented).migratorOptions()
        #expect(options.statementTimeout == Settings.statementTimeout.defaultValue)
        #expect(options.lockTimeout == Settings.lockTimeout.defaultValue)
    }

    @Test func anyPGVariableConfiguresTheDatabase() throws {
        #expect(try !context().hasConfiguredDatabase)
        #expect(try context(environment: ["PGUSER": "app"]).hasConfiguredDatabase)
        #expect(try context(environment: ["PGPORT": "6000"]).hasConfiguredDatabase)
        #expect(try !context(environment: ["PGPORT": ""]).hasConfiguredDatabase)
        #expect(DatabaseTarget.configurationSource(try context(environment: ["PGUSER": "a", "PGPORT": "1"])) == "PGPORT, PGUSER")
        #expect(DatabaseTarget.configurationSource(try context(["--database-url", "postgres://x@h/db"])) == "--database-url")
    }
}
