import Foundation
import StrataCore
import StrataLint
import StrataSQL

/// Builds the linter's view of migrations (how Strata will run each file) and its configuration from
/// flags and `[lint]` in strata.toml.
struct LintAdapter {
    private(set) var configuration: LintConfiguration
    /// True when `--pg-version` or `lint.pg_version` chose the target version; otherwise the connected server's wins.
    let versionIsExplicit: Bool
    let runnerSetsLockTimeout: Bool
    let runnerSetsStatementTimeout: Bool

    /// Reads `[lint]` settings (`disable`, `error`, `warning` as comma-separated rule ids; `pg_version`) with
    /// `disabled`/`pgVersion` from flags taking precedence.
    init(
        context: ProjectContext, disabled: [String] = [], pgVersion: Int? = nil
    ) throws(StrataError) {
        func list(_ key: String) -> [String] {
            (context.configuration["lint.\(key)"] ?? "").split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var overrides: [String: LintSeverity] = [:]
        for id in list("error") { overrides[id] = .error }
        for id in list("warning") { overrides[id] = .warning }
        let configuredVersion = context.configuration["lint.pg_version"].flatMap { Int($0) }
        let configuration = LintConfiguration(
            disabledRules: Set(list("disable") + disabled), severityOverrides: overrides,
            targetPostgresVersion: pgVersion ?? configuredVersion ?? LintConfiguration.defaultPostgresVersion)
        let unknown = configuration.unknownRuleIDs(in: .standard)
        guard unknown.isEmpty else {
            throw StrataError(
                .configuration, "unknown lint rule\(unknown.count == 1 ? "" : "s"): \(unknown.joined(separator: ", "))",
                hint: "see docs/rules/ for the rule ids")
        }
        self.configuration = configuration
        self.versionIsExplicit = pgVersion != nil || configuredVersion != nil
        let options = try context.migratorOptions()
        // Strata sets both timeouts on every migration (5 s and 30 min unless configured); 0 switches one off.
        self.runnerSetsLockTimeout = (options.lockTimeout?.milliseconds ?? 0) > 0
        self.runnerSetsStatementTimeout = (options.statementTimeout?.milliseconds ?? 0) > 0
    }

    /// The same adapter targeting the connected server's major version, unless one was chosen explicitly.
    func targeting(serverMajorVersion: Int?) -> LintAdapter {
        guard !versionIsExplicit, let serverMajorVersion else { return self }
        var adapted = self
        adapted.configuration.targetPostgresVersion = serverMajorVersion
        return adapted
    }

    /// The linter's file for a migration, with the file's text for excerpts.
    /// A down section kept in its own file (golang-migrate, Diesel, Flyway undo) is reported with that file's path
    /// and quoted from that file's text.
    func lintFile(for migration: Migration) throws(StrataError) -> LintFile {
        func text(_ path: String) -> String? {
            FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
        }
        let downPath = migration.down?.path
        return LintFile(
            path: migration.path, up: try migration.up.statements(path: migration.path),
            down: try migration.down?.statements(path: migration.path), downPath: downPath,
            runsInTransaction: migration.transactionMode == .transactional, directives: migration.directives,
            source: text(migration.path), downSource: downPath.flatMap(text),
            targetPostgresVersion: configuration.targetPostgresVersion,
            lockTimeoutAppliedByRunner: runnerSetsLockTimeout || migration.lockTimeout != nil,
            statementTimeoutAppliedByRunner: runnerSetsStatementTimeout || migration.statementTimeout != nil)
    }

    /// Lints `migrations`, files in parallel on every core; findings keep the order of `migrations`.
    func lint(_ migrations: [Migration]) throws(StrataError) -> LintReport {
        let linter = Linter(configuration: configuration)
        let adapter = self
        let findings = try ParallelMap.map(migrations) { migration throws(StrataError) in
            linter.lint(try adapter.lintFile(for: migration))
        }.flatMap { $0 }
        return LintReport(fileCount: migrations.count, findings: findings, rules: linter.ruleDescriptors)
    }
}

