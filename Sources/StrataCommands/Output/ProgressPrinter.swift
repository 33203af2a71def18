import StrataCore
import StrataPostgres

/// Prints one line per migration as a run goes, and nothing with `--quiet`.
/// On a terminal, a live line shows the statement running now (`running 3 add_index: statement 2 of 4, 1.2 s`),
/// replaced by the migration's line when it ends.
struct ProgressPrinter: Sendable {
    let quiet: Bool
    let color: Bool
    let live: LiveLine?

    init(quiet: Bool) {
        self.quiet = quiet
        self.color = Console.standardOutput.supportsColor
        self.live = !quiet && Console.standardOutput.isTerminal ? LiveLine() : nil
    }

    /// The callback a `Migrator` reports to.
    var callback: @Sendable (MigrationProgress) -> Void {
        let printer = self
        return { event in printer.print(event) }
    }

    func print(_ event: MigrationProgress) {
        guard !quiet else { return }
        if case .statementStarted(let migration, let direction, let index, let count) = event {
            live?.show(migration: migration, direction: direction, index: index, count: count)
            return
        }
        live?.clear()
        switch event {
        case .statementStarted:
            return
        case .wouldSkip(let migration, let reason):
            Console.standardOutput.write("-- would skip \(migration.version) \(migration.name) (\(migration.path)): \(reason)")
        case .applied(let migration, let milliseconds, let statements):
            Console.standardOutput.write(
                "\(Style.green.apply("applied ", enabled: color)) \(migration.version) \(migration.name)"
                    + TimingText.suffix(milliseconds: milliseconds, statements: statements, color: color))
        case .skipped(let migration, let reason):
            Console.standardOutput.write(
                "\(Style.yellow.apply("skipped ", enabled: color)) \(migration.version) \(migration.name): \(reason)")
        case .reverted(let migration, let milliseconds):
            Console.standardOutput.write(
                "\(Style.green.apply("reverted", enabled: color)) \(migration.version) \(migration.name)"
                    + Style.dim.apply(" (\(milliseconds) ms)", enabled: color))
        case .planned(let migration, let direction, let statements):
            Console.standardOutput.write("-- \(direction == .up ? "would apply" : "would revert") \(migration.version) \(migration.name) (\(migration.path))")
            for statement in statements {
                Console.standardOutput.write(statement.text + ";")
            }
        case .repeatableApplied(let repeatable, let milliseconds, let statements):
            Console.standardOutput.write(
                "\(Style.green.apply("applied ", enabled: color)) R__\(repeatable.name) (repeatable)"
                    + TimingText.suffix(milliseconds: milliseconds, statements: statements, color: color))
        case .repeatablePlanned(let repeatable, let statements):
            Console.standardOutput.write("-- would apply repeatable R__\(repeatable.name) (\(repeatable.path))")
            for statement in statements {
                Console.standardOutput.write(statement.text + ";")
            }
        }
    }

    /// A closing line such as `Applied 3 migrations in 120 ms.`
    func summary(_ text: String) {
        guard !quiet else { return }
        Console.standardOutput.write(text)
    }
}
