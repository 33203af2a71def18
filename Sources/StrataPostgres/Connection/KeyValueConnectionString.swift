import StrataCore

/// Parses libpq's `key=value key='quoted value'` connection strings into keywords.
///
/// Values end at white space unless single-quoted; inside and outside quotes a backslash takes the next character
/// literally (`\'`, `\\`). White space around `=` is allowed. Errors name keys, never values.
enum KeyValueConnectionString {
    /// The keywords `text` gives; an empty text gives none.
    static func parameters(_ text: String) throws(StrataError) -> ConnectionParameters {
        var parameters = ConnectionParameters()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var previousKey: String?
        let form = ConnectionParameters.keyValueForm

        func skipSpace() {
            while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
        }

        while true {
            skipSpace()
            guard index < scalars.count else { break }
            var key = String.UnicodeScalarView()
            while index < scalars.count, scalars[index] != "=", !scalars[index].properties.isWhitespace {
                key.append(scalars[index])
                index += 1
            }
            let keyText = String(key)
            skipSpace()
            guard index < scalars.count, scalars[index] == "=" else {
                if previousKey == "password" {
                    throw StrataError(
                        .configuration, "the \(form) has unexpected text after the password",
                        hint: ConnectionParameters.passwordSeparatorHint(form: form))
                }
                throw StrataError(
                    .configuration, "the \(form) is missing '=' after '\(keyText)'",
                    hint: "write key=value pairs separated by spaces, e.g. host=localhost dbname=app")
            }
            guard !keyText.isEmpty else {
                throw StrataError(.configuration, "the \(form) has a '=' without a key before it")
            }
            index += 1
            skipSpace()
            var value = String.UnicodeScalarView()
            if index < scalars.count, scalars[index] == "'" {
                index += 1
                var closed = false
                while index < scalars.count {
                    let scalar = scalars[index]
                    if scalar == "\\", index + 1 < scalars.count {
                        value.append(scalars[index + 1])
                        index += 2
                    } else if scalar == "'" {
                        index += 1
                        closed = true
                        break
                    } else {
                        value.append(scalar)
                        index += 1
                    }
                }
                guard closed else {
                    throw StrataError(
                        .configuration, "the \(form) has an unterminated quoted value for '\(keyText)'",
                        hint: "close the value with ' and escape quotes inside it as \\'")
                }
            } else {
                while index < scalars.count, !scalars[index].properties.isWhitespace {
                    if scalars[index] == "\\", index + 1 < scalars.count { index += 1 }
                    value.append(scalars[index])
                    index += 1
                }
            }
            guard ConnectionParameters.isKnown(keyText) else {
                throw ConnectionParameters.unknownKeyError(keyText, after: previousKey, form: form)
            }
            parameters.set(keyText, String(value))
            previousKey = keyText
        }
        return parameters
    }
}
