import StrataCore
import StrataPostgres

/// How the text of each kind of setting is read.
extension Settings {
    @Sendable static func path(_ text: String) throws(SettingProblem) -> String {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw SettingProblem("'\(text)' is not a path", hint: "name a folder, e.g. db/migrations")
        }
        return text
    }

    /// A schema of Strata's own: not empty, at most 63 bytes, and not the application's `public` schema or one of
    /// PostgreSQL's own, where `events` and `schema_history` would mix with the application's tables.
    @Sendable static func historySchema(_ text: String) throws(SettingProblem) -> String {
        guard !text.isEmpty else {
            throw SettingProblem("'\(text)' is not a schema name", hint: "leave it out to use strata, or name a schema of its own")
        }
        guard text.utf8.count <= 63 else {
            throw SettingProblem("'\(text)' is longer than PostgreSQL's 63-byte limit for names", hint: "use a shorter name")
        }
        let lowered = text.lowercased()
        if lowered == "public" || lowered == "information_schema" || lowered.hasPrefix("pg_") {
            throw SettingProblem(
                "'\(text)' is not a schema Strata may keep its tables in: its events and schema_history tables would mix with "
                    + (lowered == "public" ? "the application's own" : "PostgreSQL's own"),
                hint: "use the default strata, or a schema of its own such as strata_app")
        }
        return text
    }

    @Sendable static func environmentName(_ text: String) throws(SettingProblem) -> String {
        guard SeedDirectives.isEnvironmentName(text) else {
            throw SettingProblem("'\(text)' is not an environment name", hint: "use letters, digits, '-' and '_'")
        }
        return text.lowercased()
    }

    @Sendable static func duration(_ text: String) throws(SettingProblem) -> TimeoutValue {
        guard let value = TimeoutValue(parsing: text) else {
            throw SettingProblem("'\(text)' is not a duration", hint: "write a number with a unit: 500ms, 5s, 2min")
        }
        return value
    }

    @Sendable static func count(_ text: String) throws(SettingProblem) -> Int {
        guard let number = Int(text), number >= 0 else {
            throw SettingProblem("'\(text)' is not a count", hint: "write a whole number, 0 or more")
        }
        return number
    }

    @Sendable static func strategy(_ text: String) throws(SettingProblem) -> LockStrategy {
        guard let strategy = LockStrategy(rawValue: text.lowercased()) else {
            throw SettingProblem("'\(text)' is not a lock strategy", hint: "use advisory or table")
        }
        return strategy
    }

    @Sendable static func migrationFormat(_ text: String) throws(SettingProblem) -> MigrationFormat? {
        guard !text.isEmpty, text != "auto" else { return nil }
        guard let format = MigrationFormat(named: text) else {
            throw SettingProblem("unknown migrations format '\(text)'", hint: "use one of: auto, \(MigrationFormat.names)")
        }
        return format
    }

    @Sendable static func boolean(_ text: String) throws(SettingProblem) -> Bool {
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw SettingProblem("'\(text)' is not true or false")
        }
    }

    /// Comma-separated items, trimmed, empty ones dropped.
    @Sendable static func list(_ text: String) throws(SettingProblem) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
