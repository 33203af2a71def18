/// Which sets a seed command works on: the named ones, or every set that applies in the environment.
public enum SeedSelection {
    /// With no names, the sets enabled in `environment`. With names, those sets (in name order); a name that is no
    /// set, or a set limited to other environments, is refused before anything runs, so demo data never reaches
    /// a production database by a typo.
    public static func select(
        _ names: [String], from sets: [SeedSet], environment: String?, seedsDirectory: String
    ) throws(StrataError) -> [SeedSet] {
        guard !names.isEmpty else { return sets.filter { $0.isEnabled(in: environment) } }
        for name in names {
            guard let set = sets.first(where: { $0.name == name }) else {
                let known = sets.map(\.name)
                throw StrataError(
                    .invalidSeed, "there is no seed set '\(name)' in \(seedsDirectory)",
                    hint: known.isEmpty
                        ? "create \(seedsDirectory)/\(name)/ with .sql files"
                        : "known sets: " + known.joined(separator: ", "))
            }
            guard set.isEnabled(in: environment) else {
                throw StrataError(
                    .invalidSeed, "seed set '\(name)' is \(set.exclusionReason(in: environment))",
                    hint: "choose the environment with --env or STRATA_ENV")
            }
        }
        return sets.filter { names.contains($0.name) }
    }
}
