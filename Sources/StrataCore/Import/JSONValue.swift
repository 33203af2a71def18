import Foundation

/// A JSON value as read, keeping numbers as their text so PostgreSQL converts them (no Double rounding).
public indirect enum JSONValue: Sendable, Hashable {
    /// `null`
    case null
    /// `true` or `false`
    case bool(Bool)
    /// A number, as written.
    case number(String)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, members in source order.
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.json == rhs.json }
    public func hash(into hasher: inout Hasher) { hasher.combine(json) }

    /// The value as JSON text.
    public var json: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return JSONValue.quote(text)
        case .array(let items): return "[" + items.map(\.json).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { JSONValue.quote($0.0) + ":" + $0.1.json }.joined(separator: ",") + "}"
        }
    }

    /// The text PostgreSQL reads for a column: strings as they are, numbers and booleans as written, objects and
    /// arrays as JSON (for `json`/`jsonb` columns), `nil` for null.
    public var columnText: String? {
        switch self {
        case .null: return nil
        case .bool(let value): return value ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return text
        case .array, .object: return json
        }
    }

    static func quote(_ text: String) -> String { JSONStringLiteral.of(text) }
}
