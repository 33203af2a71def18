import Foundation

/// Where the CLI writes: standard output or standard error, with colour only on a terminal and never with `NO_COLOR`.
struct Console: Sendable {
    let fileDescriptor: Int32

    static let standardOutput = Console(fileDescriptor: STDOUT_FILENO)
    static let standardError = Console(fileDescriptor: STDERR_FILENO)

    /// Set by `--no-color`; read once per process.
    nonisolated(unsafe) static var colorDisabledByFlag = false

    /// True when writing to a terminal and neither `NO_COLOR` nor `--no-color` is set.
    var supportsColor: Bool {
        if Console.colorDisabledByFlag { return false }
        if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
        return isatty(fileDescriptor) == 1
    }

    /// True when writing to a terminal.
    var isTerminal: Bool { isatty(fileDescriptor) == 1 }

    /// Writes `text` followed by a newline.
    func write(_ text: String) {
        writeRaw(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Writes `text` as it is (no newline added), for a line that is redrawn in place.
    func writeRaw(_ line: String) {
        line.utf8CString.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            let count = buffer.count - 1
            while offset < count {
                let written = Foundation.write(fileDescriptor, base + offset, count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}

/// ANSI colours, applied only when the console supports them.
enum Style {
    case red, green, yellow, dim, bold

    var code: String {
        switch self {
        case .red: return "31"
        case .green: return "32"
        case .yellow: return "33"
        case .dim: return "2"
        case .bold: return "1"
        }
    }

    /// `text` wrapped in this style when `enabled`.
    func apply(_ text: String, enabled: Bool) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
