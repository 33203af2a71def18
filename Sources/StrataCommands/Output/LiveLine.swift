import Foundation
import StrataCore

/// The one line on a terminal that shows which statement of which migration runs now, redrawn in place.
final class LiveLine: @unchecked Sendable {
    private let lock = NSLock()
    private var shown = false
    private var current: (version: MigrationVersion, start: ContinuousClock.Instant)?

    /// Shows `running V name: statement N of M, 1.2 s` (the time since the migration started).
    func show(migration: Migration, direction: MigrationProgress.Direction, index: Int, count: Int) {
        let now = ContinuousClock.now
        let start = lock.withLock { () -> ContinuousClock.Instant in
            if current?.version != migration.version { current = (migration.version, now) }
            shown = true
            return current?.start ?? now
        }
        let seconds = Double((now - start).wholeMilliseconds) / 1000
        let verb = direction == .up ? "running " : "reverting"
        Console.standardOutput.writeRaw(
            "\r\u{1B}[K\(verb) \(migration.version) \(migration.name): statement \(index) of \(count), "
                + String(format: "%.1f s", seconds))
    }

    /// Erases the line before a normal line is printed.
    func clear() {
        let wasShown = lock.withLock { () -> Bool in
            defer { shown = false; current = nil }
            return shown
        }
        if wasShown { Console.standardOutput.writeRaw("\r\u{1B}[K") }
    }
}
