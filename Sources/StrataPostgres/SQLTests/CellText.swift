import Foundation
import PostgresNIO

/// The text of a result cell as psql would show it, for `-- strata:expect value X`.
enum CellText {
    /// `NULL` for a null; the value for booleans, integers, floats, numerics, text types, json and uuid; `nil` for a
    /// type Strata does not render (the test is told to cast it to text).
    static func text(of cell: PostgresCell) -> String? {
        guard cell.bytes != nil else { return "NULL" }
        do {
            switch cell.dataType {
            case .bool: return try cell.decode(Bool.self) ? "true" : "false"
            case .int2, .int4, .int8, .oid: return String(try cell.decode(Int.self))
            case .float4, .float8:
                let value = try cell.decode(Double.self)
                if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
                return String(value)
            case .numeric: return "\(try cell.decode(Decimal.self))"
            case .uuid: return try cell.decode(UUID.self).uuidString.lowercased()
            case .text, .varchar, .bpchar, .name, .char, .json, .jsonb: return try cell.decode(String.self)
            default: return nil
            }
        } catch {
            return nil
        }
    }

    /// True when `actual` (rendered by ``text(of:)``) matches what a test wrote, reading `t`/`f` like `true`/`false`.
    static func matches(_ expected: String, actual: String) -> Bool {
        if expected == actual { return true }
        switch (expected.lowercased(), actual) {
        case ("t", "true"), ("f", "false"), ("true", "true"), ("false", "false"), ("null", "NULL"): return true
        default: return false
        }
    }
}
