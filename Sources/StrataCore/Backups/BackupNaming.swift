import Foundation

/// File names of backups: `<database>-<UTC timestamp>.dump` with `<database>-<UTC timestamp>.manifest.json` beside.
public enum BackupNaming {
    /// The default folder of backups, relative to the project.
    public static let defaultDirectory = ".strata/backups"
    /// The dump file's extension.
    public static let dumpExtension = ".dump"
    /// The manifest's suffix, replacing `.dump`.
    public static let manifestSuffix = ".manifest.json"

    /// `<database>-20261204T183500Z.dump`; characters other than letters, digits, `_`, `-` and `.` in the database's
    /// name become `_`, so the name is a safe file name.
    public static func fileName(database: String, at date: Date) -> String {
        let safe = String(database.map { $0.isLetter || $0.isNumber || "_-.".contains($0) ? $0 : "_" })
        return "\(safe.isEmpty ? "database" : safe)-\(compactTimestamp(date))\(dumpExtension)"
    }

    /// The manifest's path for a dump file's path: `.dump` replaced by `.manifest.json` (appended otherwise).
    public static func manifestPath(forDump path: String) -> String {
        (path.hasSuffix(dumpExtension) ? String(path.dropLast(dumpExtension.count)) : path) + manifestSuffix
    }

    /// The dump's path for a manifest's path (the inverse of ``manifestPath(forDump:)`` for a `.dump` file).
    public static func dumpPath(forManifest path: String) -> String {
        (path.hasSuffix(manifestSuffix) ? String(path.dropLast(manifestSuffix.count)) : path) + dumpExtension
    }

    /// `20261204T183500Z`.
    public static func compactTimestamp(_ date: Date) -> String {
        let c = utcComponents(date)
        return String(format: "%04ld%02ld%02ldT%02ld%02ld%02ldZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
                      c.minute ?? 0, c.second ?? 0)
    }

    /// `2026-12-04T18:35:00Z`.
    public static func isoTimestamp(_ date: Date) -> String {
        let c = utcComponents(date)
        return String(format: "%04ld-%02ld-%02ldT%02ld:%02ld:%02ldZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
                      c.minute ?? 0, c.second ?? 0)
    }

    private static func utcComponents(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }
}
