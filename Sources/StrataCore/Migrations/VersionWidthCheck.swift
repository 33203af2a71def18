/// Spots a folder whose timestamp-like versions have different widths (`202612041700_x` next to
/// `20261204164255_y`): they compare as numbers, so the shorter ones sort first whatever time they stand for.
public enum VersionWidthCheck {
    /// A warning naming the widths and an example of each, or nil when the timestamp-like versions (10 digits or
    /// more, no dots) share one width.
    public static func warning(for versions: [MigrationVersion]) -> String? {
        var examples: [Int: String] = [:]
        for version in versions {
            let raw = version.rawValue
            guard raw.utf8.count >= 10, raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { continue }
            if examples[raw.utf8.count] == nil { examples[raw.utf8.count] = raw }
        }
        guard examples.count > 1 else { return nil }
        let widths = examples.keys.sorted().map { "\($0) digits (\(examples[$0] ?? ""))" }.joined(separator: ", ")
        return "the migrations folder mixes version widths: \(widths); versions compare as numbers, so a shorter "
            + "one sorts before every longer one whatever time it stands for; rename the files to one width"
    }
}
