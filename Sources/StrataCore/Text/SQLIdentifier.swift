import Foundation

/// Quoting and checking of SQL identifiers Strata writes into statements itself (schema names, extension names).
public enum SQLIdentifier {
    /// `"name"` with embedded quotes doubled: safe for any input.
    public static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// True for a name of letters, digits, `_` and `-` starting with a letter or `_`, at most 63 bytes.
    public static func isPlainName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.utf8.count <= 63 else { return false }
        guard first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
        }
    }
}
