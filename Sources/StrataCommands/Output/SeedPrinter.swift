import StrataCore
import StrataPostgres

/// Prints one line per seed file that runs, and nothing with `--quiet`.
struct SeedPrinter: Sendable {
    let quiet: Bool
    let color: Bool

    init(quiet: Bool) {
        self.quiet = quiet
        self.color = Console.standardOutput.supportsColor
    }

    /// The callback a `Seeder` reports to.
    var callback: @Sendable (SeedProgress) -> Void {
        let printer = self
        return { event in printer.print(event) }
    }

    func print(_ event: SeedProgress) {
        guard !quiet else { return }
        switch event {
        case .applied(let file, let milliseconds, let statements, let again):
            Console.standardOutput.write(
                Style.green.apply(again ? "reseeded" : "seeded  ", enabled: color) + " \(file.setName)/\(file.fileName)"
                    + TimingText.suffix(milliseconds: milliseconds, statements: statements, color: color))
        case .unchanged:
            break
        case .stale(let file, let reason):
            Console.standardOutput.write(
                Style.yellow.apply("due     ", enabled: color) + " \(file.setName)/\(file.fileName): \(reason)")
        case .truncated(let set):
            Console.standardOutput.write(
                Style.yellow.apply("emptied ", enabled: color) + " \(set.tables.joined(separator: ", ")) (set \(set.name))")
        }
    }

    /// `Seeded 2 files (3 unchanged).` or `Nothing to seed: …`.
    func summary(_ summary: SeedRunSummary, sets: [SeedSet], environment: String?, excluded: [SeedSet]) {
        guard !quiet else { return }
        for set in excluded {
            Console.standardOutput.write(
                Style.yellow.apply("skipped ", enabled: color) + " set \(set.name): \(set.exclusionReason(in: environment))")
        }
        if sets.isEmpty && excluded.isEmpty {
            Console.standardOutput.write("No seed sets found.")
        } else if summary.applied.isEmpty {
            Console.standardOutput.write(
                "Nothing to seed: every file is applied with its current checksum and its data is in place.")
        } else {
            let count = summary.applied.count
            var text = "Seeded \(count) file\(count == 1 ? "" : "s")"
            if summary.unchanged > 0 { text += " (\(summary.unchanged) unchanged)" }
            Console.standardOutput.write(text + ".")
        }
    }
}
