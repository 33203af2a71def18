/// The text of `strata dump`: `pg_dump --schema-only` output made byte-stable, so the file diffs cleanly in review.
///
/// Removed: the server and pg_dump version lines, the random `\restrict` / `\unrestrict` keys of newer pg_dump
/// releases, trailing spaces and runs of blank lines. Appended: the applied migrations, as comment lines, so the
/// file says which versions it describes.
public enum SchemaDumpText {
    /// The heading of the applied-migrations trailer.
    public static let appliedHeading = "-- Applied migrations (from Strata's history)"

    /// Normalises `pgDumpOutput` and appends `applied` (`version name` pairs, oldest first).
    public static func normalized(_ pgDumpOutput: String, applied: [(version: String, name: String)]) -> String {
        var lines: [Substring] = []
        var blank = false
        for rawLine in pgDumpOutput.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = rawLine
            while let last = line.last, last == " " || last == "\t" || last == "\r" { line = line.dropLast() }
            if line.hasPrefix("\\restrict ") || line.hasPrefix("\\unrestrict ") || line.hasPrefix("-- Dumped from ")
                || line.hasPrefix("-- Dumped by ")
            {
                continue
            }
            if line.isEmpty {
                if blank || lines.isEmpty { continue }
                blank = true
            } else {
                blank = false
            }
            lines.append(line)
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        var text = lines.joined(separator: "\n") + "\n\n--\n" + appliedHeading + "\n--\n\n"
        if applied.isEmpty {
            text += "-- (none)\n"
        } else {
            for entry in applied { text += "-- \(entry.version) \(entry.name)\n" }
        }
        return text
    }

    /// The first line where `expected` (the file) and `actual` (the database) differ, 1-based, with both lines
    /// (`nil` past the end of a text); nil when the texts are equal.
    public static func firstDifference(
        expected: String, actual: String
    ) -> (line: Int, expected: String?, actual: String?)? {
        guard expected != actual else { return nil }
        let left = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let right = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(left.count, right.count) {
            let l = index < left.count ? String(left[index]) : nil
            let r = index < right.count ? String(right[index]) : nil
            if l != r { return (index + 1, l, r) }
        }
        return (max(left.count, right.count), nil, nil)
    }
}
