/// Substring search on UTF-8 bytes: what `String.contains` answers, without Foundation's string search (which showed
/// in the profile of a 1,000-file apply).
public enum ByteSearch {
    /// True when `text` contains `needle` (exact bytes; an empty needle is always contained).
    public static func contains(_ text: String, _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return true }
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= pattern.count else { return false }
            var index = 0
            let last = bytes.count - pattern.count
            while index <= last {
                if bytes[index] == first {
                    var matched = 1
                    while matched < pattern.count && bytes[index + matched] == pattern[matched] { matched += 1 }
                    if matched == pattern.count { return true }
                }
                index += 1
            }
            return false
        }
    }
}
