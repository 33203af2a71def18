import Foundation
import StrataCore

/// Reading strata.toml and refusing what Strata would otherwise ignore in it.
enum ConfigurationLoading {
    /// The configuration at `path`, else `strata.toml` when present, else an empty one. A key that no setting has,
    /// or a value of the wrong type, is refused with file:line (and the nearest known key).
    static func load(path: String?) throws(StrataError) -> ConfigurationFile {
        let resolved = path ?? "strata.toml"
        guard FileManager.default.fileExists(atPath: resolved) else {
            if path != nil {
                throw StrataError(.configuration, "the configuration file '\(resolved)' does not exist")
            }
            return ConfigurationFile()
        }
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw StrataError(.configuration, "cannot read the configuration file '\(resolved)'")
        }
        let configuration = try ConfigurationFile.parse(String(decoding: data, as: UTF8.self), path: resolved)
        try configuration.checkKeys(Settings.knownKeys, openSections: Settings.openSections)
        return configuration
    }
}
