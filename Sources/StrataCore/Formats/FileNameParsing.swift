/// The version and name in migration file names of the various tools.
public enum FileNameParsing {
    /// `<version><sep><name>` where the version is digit groups joined by `.` and the separator is `_`, `-` or `.`
    /// (or nothing): `20251102120000_add_users`, `1.2_fix`, `0001.Name`, `42`. `nil` when it does not start with a
    /// digit. A `.` followed by a digit continues the version (`1.2_x` is version 1.2).
    public static func versionAndName(_ stem: Substring) -> (version: MigrationVersion, name: String)? {
        var end = stem.startIndex
        var lastDigitEnd = stem.startIndex
        while end < stem.endIndex {
            let character = stem[end]
            if character.isASCII && character.isNumber {
                end = stem.index(after: end)
                lastDigitEnd = end
            } else if character == ".", lastDigitEnd == end {
                let next = stem.index(after: end)
                guard next < stem.endIndex, stem[next].isASCII, stem[next].isNumber else { break }
                end = next
            } else {
                break
            }
        }
        guard lastDigitEnd > stem.startIndex, let version = MigrationVersion(String(stem[..<lastDigitEnd])) else {
            return nil
        }
        var rest = stem[lastDigitEnd...]
        if let first = rest.first, first == "_" || first == "-" || first == "." { rest = rest.dropFirst() }
        return (version, String(rest))
    }

    /// Flyway's `V<version>__<desc>` (or `U…`): the version's `_` count as `.` (`V1_1__x` is 1.1).
    public static func flyway(_ stem: Substring, prefix: Character) -> (version: MigrationVersion, name: String)? {
        guard stem.first == prefix, let separator = stem.range(of: "__") else { return nil }
        let versionText = stem[stem.index(after: stem.startIndex)..<separator.lowerBound]
            .replacingOccurrences(of: "_", with: ".")
        guard let version = MigrationVersion(versionText) else { return nil }
        return (version, String(stem[separator.upperBound...]))
    }
}
