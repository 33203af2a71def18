import Foundation

/// A JSON string literal (`"a\"b"`): quotes, backslashes and control characters escaped. The one writer of JSON
/// strings for everything Strata prints as JSON by hand.
public enum JSONStringLiteral {
    /// `text` as a JSON string literal.
    public static func of(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20:
                result += String(format: "\\u%04x", control.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
