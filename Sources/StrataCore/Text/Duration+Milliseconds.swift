extension Duration {
    /// The duration in whole milliseconds, for history rows and progress lines.
    public var wholeMilliseconds: Int {
        Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000)
    }
}
