/// The dimmed ` (12 ms, 3 statements)` that ends a progress line of `migrate`, `rollback` and `seed`.
enum TimingText {
    static func suffix(milliseconds: Int, statements: Int, color: Bool) -> String {
        Style.dim.apply(" (\(milliseconds) ms, \(statements) statement\(statements == 1 ? "" : "s"))", enabled: color)
    }
}
