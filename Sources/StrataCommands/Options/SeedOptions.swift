import ArgumentParser

/// Options of the commands that seed: `seed`, `setup`, `reset`.
struct SeedOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Environment for sets limited with '-- strata:env' (default: STRATA_ENV, env in strata.toml; dev on the embedded server).",
        valueName: "name"))
    var env: String?

    @Option(name: .customLong("seeds-dir"), help: ArgumentHelp("Seeds folder (default: db/seeds).", valueName: "path"))
    var seedsDirectory: String?
}
