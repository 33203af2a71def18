/// Dollar-quoted SQL string literals (`$s$…$s$`) with a tag the text does not contain: safe for any text, whatever
/// `standard_conforming_strings` says, and without escaping.
public enum DollarQuoting {
    /// `text` as a dollar-quoted literal whose tag starts with `base` (letters and `_` only).
    public static func literal(_ text: String, base: String = "s") -> String {
        let tag = self.tag(avoiding: text, base: base)
        return tag + text + tag
    }

    /// A tag `$base$`, `$base1$`, `$base2$`, … that does not occur in `text`.
    public static func tag(avoiding text: String, base: String) -> String {
        var candidate = "$\(base)$"
        var number = 0
        while ByteSearch.contains(text, candidate) {
            number += 1
            candidate = "$\(base)\(number)$"
        }
        return candidate
    }
}
