/// Parenthesized option lists of maintenance commands: `REINDEX (CONCURRENTLY, VERBOSE)`, `VACUUM (FULL, ANALYZE)`.
extension TokenPatternMatching {
    /// True when the covered tokens, an option list without its parentheses, switch `option` on: it is listed,
    /// alone or followed by a value other than `false`, `off` or `0`.
    package func enablesOption(_ option: String) -> Bool {
        splitTopLevel().contains { item in
            guard item.starts(with: option) else { return false }
            guard let value = item.token(at: item.startIndex + 1) else { return true }
            return !["false", "off", "0"].contains(value.normalized.lowercased())
        }
    }
}
