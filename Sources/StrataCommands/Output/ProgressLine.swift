import Foundation

/// The pace of a long job's progress on one console: on a terminal a line redrawn in place at every report;
/// otherwise a plain line at most every `interval`, so a log or CI output stays short. Used by the backfill and the
/// import printers.
final class ProgressLine: @unchecked Sendable {
    let console: Console
    let interval: Duration
    /// True when the console is a terminal (and not quiet): reports are redrawn in place.
    let live: Bool
    private let lock = NSLock()
    private var lastLine: ContinuousClock.Instant?
    private var shown = false

    init(console: Console, quiet: Bool, interval: Duration) {
        self.console = console
        self.interval = interval
        self.live = !quiet && console.isTerminal
    }

    /// Shows one report: `bar` redrawn in place on a terminal, else `line` when `interval` has passed since the
    /// last one.
    func report(bar: @autoclosure () -> String, line: @autoclosure () -> String) {
        if live {
            lock.withLock { shown = true }
            console.writeRaw("\r\u{1B}[K" + bar())
            return
        }
        let now = ContinuousClock.now
        let due = lock.withLock { () -> Bool in
            if let lastLine, now - lastLine < interval { return false }
            lastLine = now
            return true
        }
        if due { console.write(line()) }
    }

    /// Ends the live line before a normal line is printed.
    func finish() {
        let wasShown = lock.withLock { () -> Bool in
            defer { shown = false }
            return shown
        }
        if wasShown { console.writeRaw("\n") }
    }

    /// `[########------------]  41%  `: the bar of a fraction done, for the backfill and the import.
    static func bar(fraction: Double) -> String {
        let width = 24
        let clamped = min(1, max(0, fraction))
        let filled = Int((clamped * Double(width)).rounded(.down))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
        return bar + String(format: " %3d%%  ", Int(clamped * 100))
    }
}
