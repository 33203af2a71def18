import Foundation
import StrataCore

/// The text of files Strata scaffolds.
enum Templates {
    static func configuration(migrationsDirectory: String) -> String {
        """
        # Strata settings. Flags and environment variables (DATABASE_URL, STRATA_*, PG*) take precedence.
        # With no database_url (and no DATABASE_URL), Strata uses its embedded PostgreSQL under .strata/postgres/.
        # database_url = "postgres://app@localhost:5432/app"
        migrations_dir = "\(migrationsDirectory)"
        schema = "strata"
        # lock_timeout = "\(Settings.lockTimeout.defaultValue?.description ?? "5s")"
        # statement_timeout = "\(Settings.statementTimeout.defaultValue?.description ?? "30min")"

        """
    }

    static func migration(name: String) -> String {
        """
        -- Migration: \(name)
        -- strata:up


        -- strata:down


        """
    }

    /// `Add V2 columns!` → `add_v2_columns`.
    static func slug(_ name: String) -> String {
        var result = ""
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty, !result.hasSuffix("_") {
                result.append("_")
            }
        }
        while result.hasSuffix("_") { result.removeLast() }
        return result
    }

    /// `yyyyMMddHHmmss` in UTC.
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss"
        return formatter.string(from: date)
    }
}

/// Writing a file with a clear error.
enum FileWriting {
    static func write(_ text: String, to path: String) throws(StrataError) {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw StrataError(.io, "cannot write '\(path)'", detail: "\(error)")
        }
    }
}
