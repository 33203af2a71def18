import StrataCore

/// One setting of the chain flag > environment > strata.toml > default, declared once: its strata.toml key, the
/// flag and environment variables that override it, the TOML types it may be written as, its default, and how its
/// text is read. `ProjectContext.value(_:flag:)` resolves it.
struct Setting<Value: Sendable>: Sendable {
    /// The key in strata.toml; `section.key` for a key under `[section]`.
    let key: String
    /// The command-line flag, e.g. `--lock-timeout`; nil when only strata.toml (and the environment) set it.
    let flag: String?
    /// The flag's value among the global options, for a setting that is a global option.
    let globalFlag: (@Sendable (GlobalOptions) -> String?)?
    /// Environment variables that set it, the first set one winning (an empty variable counts as unset).
    let environment: [String]
    /// The TOML types strata.toml may write the value as.
    let kinds: Set<ConfigurationFile.ValueKind>
    /// The value when nothing sets it.
    let defaultValue: Value?
    /// Whether an empty flag or strata.toml value counts as unset (an empty environment variable always does).
    let emptyIsUnset: Bool
    /// Reads the text of a value.
    let parse: @Sendable (String) throws(SettingProblem) -> Value

    init(
        key: String, flag: String? = nil, globalFlag: (@Sendable (GlobalOptions) -> String?)? = nil,
        environment: [String] = [], kinds: Set<ConfigurationFile.ValueKind> = [.string], defaultValue: Value? = nil,
        emptyIsUnset: Bool = false, parse: @escaping @Sendable (String) throws(SettingProblem) -> Value
    ) {
        self.emptyIsUnset = emptyIsUnset
        self.key = key
        self.flag = flag
        self.globalFlag = globalFlag
        self.environment = environment
        self.kinds = kinds
        self.defaultValue = defaultValue
        self.parse = parse
    }

    /// The key and types strata.toml may use.
    var knownKey: ConfigurationFile.KnownKey { ConfigurationFile.KnownKey(key, kinds: kinds) }
}

/// Why the text of a setting is not a valid value.
struct SettingProblem: Error {
    /// What is wrong, naming the text, e.g. "'soon' is not a duration"; messages put the source in front.
    let message: String
    /// What a valid value looks like.
    let hint: String?

    init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// Where the text of a setting came from, for messages.
struct SettingSource {
    /// The text as given.
    let text: String
    /// `--schema`, `STRATA_SCHEMA` or `schema in strata.toml`.
    let origin: String
    /// Whether it came from strata.toml (a configuration error) rather than a flag or variable (a usage error).
    let isFromFile: Bool
    /// The strata.toml line, when it came from there.
    let location: FileLocation?
}
