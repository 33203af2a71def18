/// One test: a `-- strata:test NAME` block, or a whole file without blocks. It runs in a transaction that is
/// always rolled back.
public struct SQLTestCase: Sendable {
    /// How the runner judges the test.
    public enum Kind: Sendable, Hashable {
        /// Strata's expectations: every statement must succeed unless an `expect error` says otherwise.
        case strata
        /// A pgTAP script (it calls `plan(…)` or `no_plan()`): its `not ok` lines fail it.
        case pgTAP
    }

    /// The test's name: the block's name, or the file's name without `.sql`.
    public var name: String
    /// Where the test starts (its `-- strata:test` line, or line 1 of the file).
    public var location: FileLocation
    /// What it does, the file's lines before the first block included.
    public var steps: [SQLTestStep]
    /// How it is judged.
    public var kind: Kind

    /// Creates a test.
    public init(name: String, location: FileLocation, steps: [SQLTestStep], kind: Kind = .strata) {
        self.name = name
        self.location = location
        self.steps = steps
        self.kind = kind
    }
}

/// A SQL test file and the tests it holds.
public struct SQLTestFile: Sendable {
    /// The file's path as shown in messages.
    public var path: String
    /// Its tests in file order.
    public var cases: [SQLTestCase]

    /// Creates a file.
    public init(path: String, cases: [SQLTestCase]) {
        self.path = path
        self.cases = cases
    }
}
