import Foundation
import NIOCore
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
            case .numeric: return cell.bytes.flatMap(numericText)
            case .uuid: return try cell.decode(UUID.self).uuidString.lowercased()
            case .text, .varchar, .bpchar, .name, .char, .json, .jsonb: return try cell.decode(String.self)
            default: return nil
            }
        } catch {
            return nil
        }
    }

    /// PostgreSQL's binary `numeric` as psql prints it, with its scale: `12500.00`, `-0.5`, `NaN`.
    /// The format: ndigits, weight, sign, dscale (int16 each), then ndigits base-10000 digits.
    static func numericText(_ buffer: ByteBuffer) -> String? {
        var buffer = buffer
        guard let count = buffer.readInteger(as: Int16.self), let weight = buffer.readInteger(as: Int16.self),
            let sign = buffer.readInteger(as: UInt16.self), let scale = buffer.readInteger(as: Int16.self)
        else { return nil }
        switch sign {
        case 0xC000: return "NaN"
        case 0xD000: return "Infinity"
        case 0xF000: return "-Infinity"
        default: break
        }
        var digits: [Int] = []
        for _ in 0..<max(0, Int(count)) {
            guard let digit = buffer.readInteger(as: Int16.self) else { return nil }
            digits.append(Int(digit))
        }
        func group(_ index: Int) -> Int { index >= 0 && index < digits.count ? digits[index] : 0 }
        func padded(_ value: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: 4 - text.count) + text
        }
        var integer = ""
        if weight < 0 {
            integer = "0"
        } else {
            for index in 0...Int(weight) { integer += index == 0 ? String(group(index)) : padded(group(index)) }
        }
        var fraction = ""
        var index = Int(weight) + 1
        while fraction.count < Int(scale) {
            fraction += padded(group(index))
            index += 1
        }
        fraction = String(fraction.prefix(Int(scale)))
        let negative = sign == 0x4000 && (digits.contains { $0 != 0 })
        return (negative ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction)
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
