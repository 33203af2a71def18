extension MigrationDriver {
    /// Drivers that cannot run a whole file as one statement answer `false`: the runner then runs it statement by
    /// statement.
    public func runWholeFile(_ run: WholeFileRun) async throws(StrataError) -> Bool { false }
}
