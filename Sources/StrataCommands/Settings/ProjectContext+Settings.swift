import StrataCore

/// Resolving a `Setting`: flag, then environment, then strata.toml, then the default.
extension ProjectContext {
    /// Where the text of `setting` comes from: `flag` (a command's own flag) or the global flag, then the first set
    /// environment variable, then strata.toml; nil when none sets it.
    func source<Value>(of setting: Setting<Value>, flag: String? = nil) -> SettingSource? {
        Self.source(of: setting, flag: flag, options, environment, configuration)
    }

    /// The value of `setting`, read by its parser, or its default; nil when neither exists. A text that does not
    /// parse is a usage error naming the flag or variable, or a configuration error naming strata.toml's line.
    func value<Value>(_ setting: Setting<Value>, flag: String? = nil) throws(StrataError) -> Value? {
        try Self.value(setting, flag: flag, options, environment, configuration)
    }

    /// The value of `setting`, or `fallback` when neither it nor its default is set.
    func require<Value>(_ setting: Setting<Value>, flag: String? = nil, fallback: Value) throws(StrataError) -> Value {
        try value(setting, flag: flag) ?? fallback
    }

    /// The value of a setting that has a default.
    func require<Value>(_ setting: Setting<Value>, flag: String? = nil) throws(StrataError) -> Value {
        try Self.require(setting, options, environment, configuration, flag: flag)
    }

    static func require<Value>(
        _ setting: Setting<Value>, _ options: GlobalOptions, _ environment: [String: String],
        _ configuration: ConfigurationFile, flag: String? = nil
    ) throws(StrataError) -> Value {
        guard let value = try value(setting, flag: flag, options, environment, configuration) else {
            throw StrataError(.internal, "the setting \(setting.key) has no default")
        }
        return value
    }

    private static func value<Value>(
        _ setting: Setting<Value>, flag: String?, _ options: GlobalOptions, _ environment: [String: String],
        _ configuration: ConfigurationFile
    ) throws(StrataError) -> Value? {
        guard let source = source(of: setting, flag: flag, options, environment, configuration) else {
            return setting.defaultValue
        }
        do throws(SettingProblem) {
            return try setting.parse(source.text)
        } catch {
            throw StrataError(
                source.isFromFile ? .configuration : .usage, "\(source.origin): \(error.message)",
                location: source.location, hint: error.hint)
        }
    }

    private static func source<Value>(
        of setting: Setting<Value>, flag: String?, _ options: GlobalOptions, _ environment: [String: String],
        _ configuration: ConfigurationFile
    ) -> SettingSource? {
        func given(_ text: String?) -> String? {
            guard let text else { return nil }
            return setting.emptyIsUnset && text.isEmpty ? nil : text
        }
        if let text = given(flag ?? setting.globalFlag?(options)) {
            return SettingSource(text: text, origin: setting.flag ?? setting.key, isFromFile: false, location: nil)
        }
        for name in setting.environment {
            if let text = environment[name], !text.isEmpty {
                return SettingSource(text: text, origin: name, isFromFile: false, location: nil)
            }
        }
        if let text = given(configuration[setting.key]) {
            return SettingSource(
                text: text, origin: "\(ConfigurationFile.display(setting.key)) in strata.toml", isFromFile: true,
                location: configuration.location(of: setting.key))
        }
        return nil
    }
}
