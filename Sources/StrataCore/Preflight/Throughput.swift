/// How fast this server reads, sorts and rewrites: measured once by `strata plan --calibrate` on a scratch table,
/// or the stated defaults.
public struct Throughput: Sendable, Hashable, Codable {
    /// A sequential scan, heap bytes per second.
    public var scanBytesPerSecond: Double
    /// An index build's sort and write, rows per second (on top of the scan).
    public var indexRowsPerSecond: Double
    /// A table rewrite (new heap and indexes), bytes of `pg_total_relation_size` per second.
    public var rewriteBytesPerSecond: Double
    /// When it was measured (ISO 8601); nil for the defaults.
    public var measuredAt: String?

    /// Creates a throughput.
    public init(
        scanBytesPerSecond: Double, indexRowsPerSecond: Double, rewriteBytesPerSecond: Double, measuredAt: String?
    ) {
        self.scanBytesPerSecond = scanBytesPerSecond
        self.indexRowsPerSecond = indexRowsPerSecond
        self.rewriteBytesPerSecond = rewriteBytesPerSecond
        self.measuredAt = measuredAt
    }

    /// Used until `strata plan --calibrate` ran against the server: a modest server with a cold cache
    /// (100 MB/s scanned, 500,000 rows/s sorted into an index, 25 MB/s rewritten).
    public static let assumed = Throughput(
        scanBytesPerSecond: 100 * 1024 * 1024, indexRowsPerSecond: 500_000, rewriteBytesPerSecond: 25 * 1024 * 1024,
        measuredAt: nil)

    /// True when measured on the server, not assumed.
    public var isMeasured: Bool { measuredAt != nil }

    /// The estimated seconds `work` takes on a table with `facts`.
    public func seconds(for work: TableWork, on facts: TableFacts) -> Double {
        switch work {
        case .none: return 0
        case .scan: return Double(facts.heapBytes) / scanBytesPerSecond
        case .indexBuild: return Double(facts.heapBytes) / scanBytesPerSecond + Double(facts.rows) / indexRowsPerSecond
        case .rewrite: return Double(facts.totalBytes) / rewriteBytesPerSecond
        }
    }

    /// One line stating the assumption, for the plan's header.
    public var statement: String {
        let numbers =
            "scan \(ByteCount.text(Int64(scanBytesPerSecond)))/s, index build \(ByteCount.grouped(Int64(indexRowsPerSecond))) rows/s, "
            + "rewrite \(ByteCount.text(Int64(rewriteBytesPerSecond)))/s"
        if let measuredAt { return "throughput measured on this server at \(measuredAt): \(numbers)" }
        return "throughput assumed (run strata plan --calibrate to measure it): \(numbers)"
    }
}
