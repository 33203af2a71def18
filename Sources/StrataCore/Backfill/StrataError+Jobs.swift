extension StrataError.Code {
    /// A backfill batch failed, or a job's state refuses what was asked (exit 1).
    public static let jobFailed = StrataError.Code("job-failed", exitStatus: .failure)
    /// The job is being run by another process right now (it holds the job's advisory lock) (exit 5).
    public static let jobBusy = StrataError.Code("job-busy", exitStatus: .lockTimeout)
}
