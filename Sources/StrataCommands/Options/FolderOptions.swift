import ArgumentParser
import StrataCore

/// How to read the migrations folder: its format and Flyway placeholder values.
struct FolderOptions: ParsableArguments {
    @Option(name: .customLong("format"), help: ArgumentHelp(
        "Folder format: auto (default: detected), native, flyway, golang-migrate, dbmate, goose, sql-migrate, diesel "
            + "(or STRATA_FORMAT, or format in strata.toml).",
        valueName: "format"))
    var format: String?

    @Option(name: .customLong("placeholder"), help: ArgumentHelp(
        "A Flyway ${name} placeholder's value (repeatable; also [placeholders] in strata.toml, STRATA_PLACEHOLDER_<NAME>).",
        valueName: "name=value"))
    var placeholders: [String] = []
}

extension ProjectContext {
    /// The context with the command's folder options applied.
    init(options: GlobalOptions, folder: FolderOptions) throws(StrataError) {
        try self.init(options: options)
        formatFlag = folder.format
        placeholderFlags = folder.placeholders
    }
}
