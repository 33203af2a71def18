import StrataCore

/// Renders a `StrataError` for a human: one `error:` line naming file:line:column and SQLSTATE, then detail, hint
/// and the server's context. The one place where errors become text.
enum ErrorRenderer {
    static func render(_ error: StrataError, color: Bool) -> String {
        var head = Style.red.apply("error:", enabled: color) + " "
        if let location = error.location { head += Style.bold.apply("\(location):", enabled: color) + " " }
        head += error.message
        if let sqlState = error.sqlState { head += " (SQLSTATE \(sqlState))" }
        var lines = [head]
        if let detail = error.detail, !detail.isEmpty { lines.append("  detail: \(detail)") }
        if let hint = error.hint, !hint.isEmpty { lines.append("  " + Style.yellow.apply("hint:", enabled: color) + " \(hint)") }
        if let context = error.serverContext, !context.isEmpty { lines.append("  context: \(context)") }
        return lines.joined(separator: "\n")
    }
}
