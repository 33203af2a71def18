extension StrataError.Code {
    /// A seed folder, file or directive that cannot be read, or a seed command that cannot apply (exit 2).
    public static let invalidSeed = StrataError.Code("invalid-seed", exitStatus: .usage)
    /// A seed file's statement failed on the server (exit 1).
    public static let seedFailed = StrataError.Code("seed-failed", exitStatus: .failure)
    /// A SQL test file or directive that cannot be read (exit 2).
    public static let invalidTest = StrataError.Code("invalid-test", exitStatus: .usage)
    /// A destructive command was refused: `reset` of a database that is not the embedded default without
    /// `--force --confirm NAME` (exit 2).
    public static let refused = StrataError.Code("refused", exitStatus: .usage)
}
