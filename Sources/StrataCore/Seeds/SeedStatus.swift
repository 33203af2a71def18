/// The state of one seed file: on disk, in history, or both.
public struct SeedFileStatus: Sendable {
    /// What `strata seed` would do with the file.
    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Applied with the file's current checksum: skipped by `seed`.
        case applied
        /// Never applied: `seed` applies it.
        case pending
        /// Applied, then changed on disk: `seed` applies it again.
        case changed
        /// Applied with the current checksum, but its data is gone (see `reason`): `seed` applies it again.
        case stale
        /// In history, no longer on disk.
        case missing
    }

    /// The file's name inside its set.
    public var fileName: String
    /// The file, when it is on disk.
    public var file: SeedFile?
    /// The history row, when it was applied.
    public var history: SeedHistoryEntry?

    /// Creates a status.
    public init(fileName: String, file: SeedFile?, history: SeedHistoryEntry?) {
        self.fileName = fileName
        self.file = file
        self.history = history
    }

    /// The state, from the file and the history row.
    public var state: State {
        switch (file, history) {
        case (nil, _): return .missing
        case (_?, nil): return .pending
        case (let file?, let history?):
            guard file.checksum == history.checksum else { return .changed }
            return history.staleReason == nil ? .applied : .stale
        }
    }

    /// Why a `stale` file is due again (`table plans is empty`); nil in other states.
    public var reason: String? { state == .stale ? history?.staleReason : nil }

    /// True when `seed` would run the file.
    public var needsApply: Bool { state == .pending || state == .changed || state == .stale }
}

/// The state of one seed set: its files and whether it applies in the current environment.
public struct SeedSetStatus: Sendable {
    /// The set's name.
    public var name: String
    /// The set, when its folder is on disk.
    public var set: SeedSet?
    /// Whether the set applies in the current environment.
    public var enabled: Bool
    /// Its files in name order (files only in history last).
    public var files: [SeedFileStatus]

    /// Creates a status.
    public init(name: String, set: SeedSet?, enabled: Bool, files: [SeedFileStatus]) {
        self.name = name
        self.set = set
        self.enabled = enabled
        self.files = files
    }

    /// The states of every set on disk or in history, sets and files in name order.
    public static func statuses(
        of sets: [SeedSet], history: [SeedHistoryEntry], environment: String?
    ) -> [SeedSetStatus] {
        var byName: [String: SeedSet] = [:]
        for set in sets { byName[set.name] = set }
        let names = Set(sets.map(\.name)).union(history.map(\.setName)).sorted()
        return names.map { name in
            let set = byName[name]
            let rows = history.filter { $0.setName == name }
            var files: [SeedFileStatus] = (set?.files ?? []).map { file in
                SeedFileStatus(fileName: file.fileName, file: file, history: rows.first { $0.fileName == file.fileName })
            }
            let onDisk = Set(files.map(\.fileName))
            for row in rows.sorted(by: { $0.fileName < $1.fileName }) where !onDisk.contains(row.fileName) {
                files.append(SeedFileStatus(fileName: row.fileName, file: nil, history: row))
            }
            return SeedSetStatus(name: name, set: set, enabled: set?.isEnabled(in: environment) ?? false, files: files)
        }
    }
}
