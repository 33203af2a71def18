/// Refusing what a reader of `strata.toml` would otherwise ignore: a misspelt key, a value of the wrong type.
extension ConfigurationFile {
    /// A key a reader understands (`key` or `section.key`) and the TOML types its value may have.
    public struct KnownKey: Sendable, Hashable {
        /// `key`, or `section.key` for a key under `[section]`.
        public var name: String
        /// The types the value may be written as.
        public var kinds: Set<ValueKind>

        /// Creates a known key.
        public init(_ name: String, kinds: Set<ValueKind>) {
            self.name = name
            self.kinds = kinds
        }
    }

    /// Throws a `.configuration` error naming `path:line` at the first key (in line order) that is not in `known`
    /// and not under one of `openSections` (sections whose keys are free, such as `[placeholders]`), or whose value
    /// is of a type its key does not take. An unknown key's hint suggests the nearest known key.
    public func checkKeys(_ known: [KnownKey], openSections: Set<String> = []) throws(StrataError) {
        let byName = Dictionary(known.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for (key, entry) in entries.sorted(by: { ($0.value.line, $0.key) < ($1.value.line, $1.key) }) {
            let location = path.map { FileLocation(path: $0, line: entry.line) }
            if let dot = key.firstIndex(of: "."), openSections.contains(String(key[..<dot])) { continue }
            guard let knownKey = byName[key] else {
                var hint = "remove it, or check its spelling (see the Configuration table in the README)"
                if let nearest = EditDistance.nearest(to: key, in: byName.keys) {
                    hint = "did you mean \(Self.display(nearest))?"
                }
                throw StrataError(
                    .configuration, "unknown setting \(Self.display(key))", location: location, hint: hint)
            }
            guard knownKey.kinds.contains(entry.kind) else {
                let expected = knownKey.kinds.sorted { $0.rawValue < $1.rawValue }.map(\.description)
                    .joined(separator: " or ")
                let example: String
                switch knownKey.kinds.contains(.string) ? ValueKind.string : (knownKey.kinds.first ?? .string) {
                case .string: example = "\(Self.bareName(key)) = \"\(entry.value)\""
                case .number: example = "\(Self.bareName(key)) = 5"
                case .boolean: example = "\(Self.bareName(key)) = true"
                }
                throw StrataError(
                    .configuration, "\(Self.display(key)) must be a \(expected), not a \(entry.kind)",
                    location: location, hint: "write \(example)")
            }
        }
    }

    /// How messages name a key: `'schema'`, or `'enforce' under [lint]` for `lint.enforce`.
    public static func display(_ key: String) -> String {
        let parts = key.split(separator: ".", maxSplits: 1)
        guard parts.count == 2 else { return "'\(key)'" }
        return "'\(parts[1])' under [\(parts[0])]"
    }

    private static func bareName(_ key: String) -> String {
        String(key.split(separator: ".", maxSplits: 1).last ?? Substring(key))
    }
}
