/// Flyway's `${name}` placeholders: replaced by values from strata.toml `[placeholders]`, `--placeholder name=value`
/// or `STRATA_PLACEHOLDER_<NAME>` before a Flyway file is split and run. Names compare case-insensitively.
/// `${flyway:filename}` is the file's name. An undefined placeholder is an error naming file:line and the name.
public struct PlaceholderExpander: Sendable, Hashable {
    /// The values, keyed by lowercased name.
    public let values: [String: String]

    /// Creates an expander from name → value pairs.
    public init(_ values: [String: String]) {
        var lowered: [String: String] = [:]
        for (name, value) in values { lowered[name.lowercased()] = value }
        self.values = lowered
    }

    /// `text` with every `${name}` replaced. `path` names the file in errors and gives `${flyway:filename}`.
    public func expand(_ text: String, path: String) throws(StrataError) -> String {
        guard text.contains("${") else { return text }
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var line = 1
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\n" { line += 1 }
            guard character == "$", text[index...].hasPrefix("${"),
                let close = text[index...].firstIndex(of: "}")
            else {
                output.append(character)
                index = text.index(after: index)
                continue
            }
            let name = text[text.index(index, offsetBy: 2)..<close]
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.:-".contains($0)) })
            else {
                output.append(character)
                index = text.index(after: index)
                continue
            }
            let key = name.lowercased()
            if let value = values[key] {
                output += value
            } else if key == "flyway:filename" {
                output += fileName
            } else {
                throw StrataError(
                    .invalidMigration, "the placeholder '${\(name)}' has no value", location: FileLocation(path: path, line: line),
                    hint: "set it in strata.toml under [placeholders] (\(name) = \"…\"), with --placeholder \(name)=VALUE, "
                        + "or in STRATA_PLACEHOLDER_\(name.uppercased().replacingOccurrences(of: ".", with: "_"))")
            }
            index = text.index(after: close)
        }
        return output
    }
}
