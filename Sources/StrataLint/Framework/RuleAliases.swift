/// Other tools' names for Strata's rules, so a team moving from squawk keeps its configuration, `--exclude` lists
/// and `-- squawk-ignore` comments. An alias may stand for several rules (squawk's `require-timeout-settings` is
/// Strata's two timeout rules).
public enum RuleAliases {
    /// squawk's rule ids that differ from Strata's, and the Strata rules each stands for.
    public static let squawk: [String: [String]] = [
        "prefer-timestamp-tz": ["prefer-timestamptz"],
        "prefer-big-int": ["prefer-bigint-over-int", "prefer-bigint-over-smallint"],
        "require-timeout-settings": ["require-lock-timeout", "require-statement-timeout"],
        "unused-ignore": ["unused-suppression"],
    ]

    /// The Strata rule ids `id` names: itself, or the rules an alias stands for. Case is ignored.
    public static func resolve(_ id: String) -> [String] {
        let lowered = id.lowercased()
        return squawk[lowered] ?? [lowered]
    }

    /// Every id of `ids` resolved.
    public static func resolve<S: Sequence>(_ ids: S) -> Set<String> where S.Element == String {
        Set(ids.flatMap(resolve))
    }
}
