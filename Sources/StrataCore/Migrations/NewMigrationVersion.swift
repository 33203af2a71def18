import Foundation

/// The version `strata new` gives a new migration: a real UTC time (or the next number of a sequence), in the width
/// the folder already uses, and always after every existing version, so two `new` in one second still get distinct,
/// increasing versions.
public enum NewMigrationVersion {
    /// How versions are written.
    public enum Format: String, Sendable, CaseIterable {
        /// `yyyyMMddHHmmss` in UTC, `strata new`'s default.
        case timestamp14
        /// `yyyyMMddHHmm` in UTC, a common team habit.
        case timestamp12
        /// `1`, `2`, … (keeping the zero padding of the folder's newest version, such as `0007`).
        case sequence
    }

    /// The format of `existing` versions: the format every one of them has, else the newest one's; `nil` when the
    /// folder has no version of a known format.
    public static func format(of existing: [MigrationVersion]) -> Format? {
        let formats = existing.compactMap(format(of:))
        if let first = formats.first, formats.allSatisfy({ $0 == first }) { return first }
        return existing.max().flatMap(format(of:))
    }

    /// The format of one version: 14 or 12 digits that read as a UTC time, or up to 8 digits as a sequence.
    public static func format(of version: MigrationVersion) -> Format? {
        let raw = version.rawValue
        guard raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        switch raw.utf8.count {
        case 14 where date(raw) != nil: return .timestamp14
        case 12 where date(raw) != nil: return .timestamp12
        case 1...8: return .sequence
        default: return nil
        }
    }

    /// The next version in `format` (or the folder's own, else `timestamp14`) at `now`, after all of `existing`.
    public static func next(existing: [MigrationVersion], now: Date, format chosen: Format? = nil) -> String {
        let format = chosen ?? self.format(of: existing) ?? .timestamp14
        let newest = existing.max()
        switch format {
        case .sequence:
            let width = newest.map { $0.rawValue.utf8.count } ?? 1
            let numbers = existing.compactMap { Int($0.rawValue) }
            let text = String((numbers.max() ?? 0) + 1)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        case .timestamp14, .timestamp12:
            let step: TimeInterval = format == .timestamp14 ? 1 : 60
            var time = (now.timeIntervalSince1970 / step).rounded(.down) * step
            if let newest, let newestTime = date(newest.rawValue)?.timeIntervalSince1970 {
                time = max(time, ((newestTime / step).rounded(.down) + 1) * step)
            }
            let text = stamp(Date(timeIntervalSince1970: time), format: format)
            // A newest version that reads as no time (a hand-made 99999999999999) can only be followed by number.
            if let newest, let candidate = MigrationVersion(text), candidate <= newest,
                let number = Int(newest.rawValue), number < Int.max
            {
                return String(number + 1)
            }
            return text
        }
    }

    private static let utc = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current

    /// `yyyyMMddHHmm[ss]` of `date` in UTC.
    static func stamp(_ date: Date, format: Format) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = utc
        formatter.dateFormat = format == .timestamp12 ? "yyyyMMddHHmm" : "yyyyMMddHHmmss"
        return formatter.string(from: date)
    }

    /// The UTC time a 12- or 14-digit version stands for, read leniently (the `…60` seconds an older `strata new`
    /// wrote count as the next minute); nil when the digits are no plausible time (month 13, year 0001).
    static func date(_ digits: String) -> Date? {
        let values = Array(digits.utf8).map { Int($0) - 48 }
        func number(_ start: Int, _ length: Int) -> Int {
            values[start..<(start + length)].reduce(0) { $0 * 10 + $1 }
        }
        guard values.count == 12 || values.count == 14 else { return nil }
        let year = number(0, 4), month = number(4, 2), day = number(6, 2), hour = number(8, 2), minute = number(10, 2)
        let second = values.count == 14 ? number(12, 2) : 0
        guard (1970...2999).contains(year), (1...12).contains(month), (1...31).contains(day), hour <= 24,
            minute <= 60, second <= 60
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        return calendar.date(from: DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second))
    }
}
