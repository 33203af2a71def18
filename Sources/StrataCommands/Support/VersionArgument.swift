import StrataCore

/// Parsing a version given on the command line.
enum VersionArgument {
    static func parse(_ text: String, flag: String) throws(StrataError) -> MigrationVersion {
        guard let version = MigrationVersion(text) else {
            throw StrataError(.usage, "\(flag): '\(text)' is not a version", hint: "give the digits of a migration's version, e.g. 20251102120000")
        }
        return version
    }
}
