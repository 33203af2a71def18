/// The adaptive batch size: after each batch it moves the size toward the number of rows that would take the
/// target time at the last batch's pace, at most doubling or halving per step so one odd batch does not swing it.
public struct BatchSizer: Sendable, Hashable {
    /// The size of the next batch.
    public private(set) var size: Int
    /// The time a batch should take.
    public var target: Duration
    /// A fixed size (`--batch-size`): no adaptation.
    public var fixed: Int?
    /// The largest size it grows to.
    public var maximum: Int

    /// The first batch's size when none is fixed.
    public static let initialSize = 1_000

    /// Creates a sizer.
    public init(target: Duration, fixed: Int? = nil, initial: Int = BatchSizer.initialSize, maximum: Int = 100_000) {
        self.target = target
        self.fixed = fixed
        self.maximum = max(1, maximum)
        self.size = fixed ?? min(max(1, initial), max(1, maximum))
    }

    /// Learns from a batch of `rows` that took `elapsed`.
    public mutating func record(rows: Int, elapsed: Duration) {
        if let fixed { size = fixed; return }
        guard rows > 0 else { return }
        let took = max(elapsed.totalMilliseconds, 0.1)
        let ideal = Double(rows) * target.totalMilliseconds / took
        let bounded = min(max(ideal, Double(size) / 2), Double(size) * 2)
        size = min(max(1, Int(bounded.rounded())), maximum)
    }

    /// After a statement timeout: halve the size (a fixed size stays, and the batch fails again).
    public mutating func shrink() {
        guard fixed == nil else { return }
        size = max(1, size / 2)
    }
}

extension Duration {
    /// The duration in milliseconds, with fractions.
    public var totalMilliseconds: Double {
        let parts = components
        return Double(parts.seconds) * 1_000 + Double(parts.attoseconds) / 1e15
    }
}
