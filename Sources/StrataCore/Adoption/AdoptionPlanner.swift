/// Reads another tool's history against the folder: which migrations it applied. Pure.
///
/// Refuses, before anything is written, a history that says a migration is dirty (golang-migrate) or failed
/// (Flyway), and a history naming a version with no file in the folder.
public enum AdoptionPlanner {
    /// The plan for `history` over `catalog`, naming the history `table` in messages.
    public static func plan(
        _ history: ForeignHistory, catalog: MigrationCatalog, table: String
    ) throws(StrataError) -> AdoptionPlan {
        switch history {
        case .flyway(let rows): return try flyway(rows, catalog: catalog, table: table)
        case .golangMigrate(let version, let dirty):
            guard let version else { return AdoptionPlan() }
            guard !dirty else {
                throw StrataError(
                    .validation, "\(table) says version \(version) is dirty: a migration failed part-way",
                    hint: "repair the database by hand, mark the real state with 'migrate force VERSION', then adopt again")
            }
            guard let current = MigrationVersion(String(version)) else { return AdoptionPlan() }
            _ = try find([String(version)], in: catalog, table: table)
            return AdoptionPlan(migrations: catalog.migrations.filter { $0.version <= current }.map { ($0, .applied) })
        case .versions(let versions):
            return AdoptionPlan(migrations: try find(versions, in: catalog, table: table).map { ($0, .applied) })
        case .goose(let rows):
            var applied: [Int64: Bool] = [:]
            for row in rows.sorted(by: { $0.id < $1.id }) where row.versionID != 0 { applied[row.versionID] = row.isApplied }
            let versions = applied.filter(\.value).keys.sorted().map { String($0) }
            return AdoptionPlan(migrations: try find(versions, in: catalog, table: table).map { ($0, .applied) })
        case .sqlMigrate(let ids):
            var found: [Migration] = []
            var unknown: [String] = []
            for id in ids {
                if let match = catalog.migrations.first(where: { $0.path.split(separator: "/").last.map(String.init) == id }) {
                    found.append(match)
                } else {
                    unknown.append(id)
                }
            }
            try refuseUnknown(unknown, table: table)
            return AdoptionPlan(migrations: found.sorted { $0.version < $1.version }.map { ($0, .applied) })
        }
    }

    private static func flyway(
        _ rows: [FlywayHistoryRow], catalog: MigrationCatalog, table: String
    ) throws(StrataError) -> AdoptionPlan {
        var applied: [MigrationVersion: String] = [:]
        var baseline: MigrationVersion?
        var repeatableChecksums: [String: Int32?] = [:]
        var warnings: [String] = []
        for row in rows.sorted(by: { $0.installedRank < $1.installedRank }) {
            guard row.success else {
                throw StrataError(
                    .validation,
                    "\(table) says \(row.script) failed (installed_rank \(row.installedRank), success = false)",
                    hint: "undo what it changed and run 'flyway repair' (or delete that row), then adopt again")
            }
            let type = row.type.uppercased()
            if type == "SCHEMA" { continue }
            guard let versionText = row.version, let version = MigrationVersion(versionText) else {
                if row.version == nil {
                    repeatableChecksums[row.script.split(separator: "/").last.map(String.init) ?? row.script] = row.checksum
                }
                continue
            }
            if type.hasPrefix("UNDO") || type == "DELETE" {
                applied[version] = nil
            } else if type.contains("BASELINE") {
                baseline = max(baseline ?? version, version)
            } else {
                applied[version] = row.script
            }
        }
        var plan: [(Migration, HistoryEntry.State)] = []
        var unknown: [String] = []
        for (version, script) in applied.sorted(by: { $0.key < $1.key }) {
            guard let migration = catalog.migrations.first(where: { $0.version == version }) else {
                if let baseline, version <= baseline { continue }
                unknown.append("\(version) (\(script))")
                continue
            }
            if let recorded = rows.last(where: { MigrationVersion($0.version ?? "") == version })?.checksum,
                let text = try? MigrationFileText.read(migration.path).text, FlywayChecksum.of(text) != recorded
            {
                warnings.append("\(version) \(migration.name): the file changed since Flyway applied it (Flyway checksum \(recorded))")
            }
            plan.append((migration, .applied))
        }
        try refuseUnknown(unknown, table: table)
        if let baseline {
            for migration in catalog.migrations where migration.version <= baseline && applied[migration.version] == nil {
                plan.append((migration, .baseline))
            }
        }
        var repeatables: [RepeatableMigration] = []
        for repeatable in catalog.repeatables {
            guard let recorded = repeatableChecksums["R__\(repeatable.name).sql"] else { continue }
            let text = (try? MigrationFileText.read(repeatable.path).text) ?? ""
            if recorded == FlywayChecksum.of(text) {
                repeatables.append(repeatable)
            } else {
                warnings.append("R__\(repeatable.name): changed since Flyway applied it; the next migrate applies it again")
            }
        }
        return AdoptionPlan(
            migrations: plan.sorted { $0.0.version < $1.0.version }, repeatables: repeatables, warnings: warnings)
    }

    /// The migrations with these versions; refuses versions that have no file.
    private static func find(
        _ versions: [String], in catalog: MigrationCatalog, table: String
    ) throws(StrataError) -> [Migration] {
        var found: [Migration] = []
        var unknown: [String] = []
        for text in versions {
            if let version = MigrationVersion(text), let match = catalog.migrations.first(where: { $0.version == version }) {
                found.append(match)
            } else {
                unknown.append(text)
            }
        }
        try refuseUnknown(unknown, table: table)
        return found.sorted { $0.version < $1.version }
    }

    private static func refuseUnknown(_ unknown: [String], table: String) throws(StrataError) {
        guard !unknown.isEmpty else { return }
        let shown = unknown.prefix(5).joined(separator: ", ") + (unknown.count > 5 ? ", …" : "")
        throw StrataError(
            .validation, "\(table) lists \(unknown.count) applied migration\(unknown.count == 1 ? "" : "s") with no file in the folder: \(shown)",
            hint: "restore the files from version control (or point --dir at the right folder), then adopt again")
    }
}
