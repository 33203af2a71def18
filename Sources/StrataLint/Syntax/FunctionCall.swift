/// A function call inside an expression (`random()`, `public.next_id()`), with what is known of its volatility.
package struct FunctionCall: Sendable, Hashable {
    /// How PostgreSQL evaluates a function, as far as the linter knows.
    package enum Volatility: Sendable, Hashable {
        /// A built-in that returns the same result within a statement (`now()`, `lower()`): evaluated once.
        case nonVolatile
        /// A built-in declared VOLATILE (`random()`, `gen_random_uuid()`, `nextval()`): evaluated per row.
        case volatile
        /// Not a built-in the linter knows: treated as volatile, since that is PostgreSQL's default for new functions.
        case unknown
    }

    /// The function's name, lower case, without schema.
    package var name: String
    /// The index of the name's token.
    package var nameIndex: Int
    /// What is known of its volatility.
    package var volatility: Volatility

    /// Built-in functions (and function-like keywords) that are not volatile.
    static let nonVolatile: Set<String> = [
        "now", "current_timestamp", "current_date", "current_time", "localtime", "localtimestamp",
        "transaction_timestamp", "statement_timestamp", "current_setting", "current_user", "current_schema",
        "session_user", "lower", "upper", "coalesce", "nullif", "greatest", "least", "cast", "row", "extract",
        "date_part", "date_trunc", "make_date", "make_time", "make_timestamp", "make_timestamptz", "make_interval",
        "to_timestamp", "to_date", "to_char", "to_number", "jsonb_build_object", "jsonb_build_array",
        "json_build_object", "json_build_array", "to_json", "to_jsonb", "array_fill", "concat", "concat_ws", "length",
        "abs", "round", "floor", "ceil", "ceiling", "trim", "btrim", "ltrim", "rtrim", "substring", "substr",
        "position", "overlay", "replace", "md5", "encode", "decode", "timezone", "pg_catalog", "left", "right", "lpad",
        "rpad", "array", "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange", "point", "inet",
        "uuid_nil", "uuid_generate_v3", "uuid_generate_v5",
    ]

    /// Built-in functions declared VOLATILE.
    static let volatile: Set<String> = [
        "random", "random_normal", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
        "uuidv4", "uuidv7", "gen_random_bytes", "clock_timestamp", "timeofday", "nextval", "setval", "currval",
        "lastval", "txid_current", "pg_current_xact_id", "setseed",
    ]

    /// Every function call in `expression`, in order. A name followed by `(` counts as a call unless it follows
    /// `::` or `AS` (a type modifier such as `varchar(20)`).
    package static func calls(in expression: some TokenPatternMatching) -> [FunctionCall] {
        var calls: [FunctionCall] = []
        var index = expression.startIndex
        while index + 1 < expression.endIndex {
            defer { index += 1 }
            guard let name = expression.identifier(at: index), expression.isSymbol("(", at: index + 1) else { continue }
            if expression.isSymbol("::", at: index - 1) || expression.isWord("as", at: index - 1) { continue }
            let volatility: Volatility
            if volatile.contains(name) {
                volatility = .volatile
            } else if nonVolatile.contains(name) {
                volatility = .nonVolatile
            } else {
                volatility = .unknown
            }
            calls.append(FunctionCall(name: name, nameIndex: index, volatility: volatility))
        }
        return calls
    }
}
