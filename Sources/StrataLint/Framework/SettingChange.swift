import StrataSQL

/// A change of a run-time setting made by `SET`, `RESET` or `SELECT set_config(…)`.
struct SettingChange: Sendable, Hashable {
    /// The setting's name, lower case; `all` for `RESET ALL`.
    var setting: String
    /// The setting is given a value that bounds it (not `0`, not `DEFAULT`, not a reset).
    var isOn: Bool
    /// The change lasts only until the end of the current transaction (`SET LOCAL`, `set_config(…, true)`).
    var isLocal: Bool

    /// The changes `statement` makes; empty for other statements.
    static func changes(in statement: LintStatement) -> [SettingChange] {
        var cursor = statement.cursor()
        if cursor.skip("reset") {
            guard let name = cursor.readIdentifier() else { return [] }
            return [SettingChange(setting: name, isOn: false, isLocal: false)]
        }
        if cursor.skip("set") {
            let isLocal = cursor.skip("local")
            if !isLocal { cursor.skip("session") }
            guard let name = cursor.readIdentifier(), cursor.skip(anyOf: "to", "=") != nil else { return [] }
            let isOn = !(cursor.isAt("default") || isZero(cursor.token))
            return [SettingChange(setting: name, isOn: isOn, isLocal: isLocal)]
        }
        guard cursor.skip("select") else { return [] }
        var changes: [SettingChange] = []
        var index = statement.startIndex
        while let call = statement.firstIndex(of: ["set_config", "("], from: index) {
            index = call + 2
            guard let arguments = statement.parenthesized(at: call + 1) else { continue }
            let parts = arguments.splitTopLevel()
            guard parts.count == 3, parts[0].count == 1, let nameToken = parts[0].token(at: parts[0].startIndex),
                nameToken.kind == .string
            else { continue }
            let valueToken = parts[1].count == 1 ? parts[1].token(at: parts[1].startIndex) : nil
            let isLocal = parts[2].starts(with: "true") || parts[2].starts(with: "on")
            changes.append(
                SettingChange(
                    setting: stringContent(nameToken).lowercased(), isOn: !isZero(valueToken), isLocal: isLocal))
        }
        return changes
    }

    /// True for a value that switches a timeout off: `0`, `'0'`, `'0ms'`, `'0s'`.
    private static func isZero(_ token: Token?) -> Bool {
        guard let token else { return false }
        let text: Substring
        switch token.kind {
        case .number: text = Substring(token.text)
        case .string: text = Substring(stringContent(token))
        default: return false
        }
        let digits = text.prefix { $0.isNumber || $0 == "." }
        guard !digits.isEmpty, digits.allSatisfy({ $0 == "0" || $0 == "." }) else { return false }
        return text.dropFirst(digits.count).allSatisfy { $0.isLetter || $0 == " " }
    }

    /// A simple string literal's content without its quotes.
    private static func stringContent(_ token: Token) -> String {
        var text = Substring(token.text)
        if text.first == "E" || text.first == "e" { text = text.dropFirst() }
        if text.count >= 2, text.first == "'", text.last == "'" { text = text.dropFirst().dropLast() }
        return String(text)
    }
}
