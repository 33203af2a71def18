/// Small helpers for the Markdown Strata generates.
enum MarkdownText {
    /// Text for one table cell: `|` escaped, line breaks and runs of spaces folded to one space.
    static func cell(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == " " })
            .joined(separator: " ").replacingOccurrences(of: "|", with: "\\|")
    }

    /// A table cell holding code: backticks around the folded text (empty stays empty).
    static func code(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        let folded = cell(text)
        return folded.contains("`") ? "`` " + folded + " ``" : "`" + folded + "`"
    }

    /// `| a | b |` then `|---|---|`.
    static func header(_ titles: [String]) -> String {
        "| " + titles.joined(separator: " | ") + " |\n|" + titles.map { _ in "---" }.joined(separator: "|") + "|\n"
    }

    /// `| a | b |`.
    static func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |\n" }

    /// `512 B`, `16 kB`, `8.2 MB` (powers of 1024, as pg_size_pretty).
    static func size(_ bytes: Int) -> String {
        if bytes < 10 * 1024 { return "\(bytes) bytes" }
        var value = Double(bytes) / 1024
        for unit in ["kB", "MB", "GB"] {
            if value < 10 * 1024 || unit == "GB" { return "\(Int(value.rounded())) \(unit)" }
            value /= 1024
        }
        return "\(bytes) bytes"
    }

    /// An identifier Mermaid and Graphviz accept: letters, digits and `_`, anything else `_`.
    static func identifier(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
    }
}
