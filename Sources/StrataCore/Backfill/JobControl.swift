/// What the runner reads from a job's row at each batch boundary: a pause or cancel request and the current pace
/// (`strata jobs set ID --batch-time 100ms --sleep 50ms` takes effect at the next batch).
public struct JobControl: Sendable, Hashable {
    /// A pending pause or cancel.
    public var requested: JobRequest?
    /// The pace to use from the next batch on.
    public var pace: BackfillPace

    /// Creates a control reading.
    public init(requested: JobRequest? = nil, pace: BackfillPace) {
        self.requested = requested
        self.pace = pace
    }
}
