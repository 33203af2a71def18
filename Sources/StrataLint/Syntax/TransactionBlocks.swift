/// What a transaction-control statement does to the file's own transaction block.
package enum TransactionControlKind: Sendable, Hashable {
    /// `BEGIN`, `START TRANSACTION`: opens a block.
    case begin
    /// `COMMIT`, `END`, `ROLLBACK`, `ABORT`, `PREPARE TRANSACTION`: closes the block.
    case end
    /// `COMMIT AND CHAIN`, `ROLLBACK AND CHAIN`: closes the block and opens the next one at once.
    case chain
    /// `SAVEPOINT`, `RELEASE [SAVEPOINT]`, `ROLLBACK TO [SAVEPOINT]`: works inside the block.
    case savepoint

    /// The kind of `statement`, or nil when it does not control a transaction (`BEGIN ATOMIC`, `COMMIT PREPARED` and
    /// `ROLLBACK PREPARED` included: they do not touch the current block).
    package init?(_ statement: LintStatement) {
        guard let first = statement.word(at: 0) else { return nil }
        var chained: Bool { statement.containsTopLevel(sequence: "and", "chain") }
        switch first {
        case "begin":
            if statement.isWord("atomic", at: 1) { return nil }
            self = .begin
        case "start":
            guard statement.isWord("transaction", at: 1) else { return nil }
            self = .begin
        case "commit", "end", "abort":
            if statement.isWord("prepared", at: 1) { return nil }
            self = chained ? .chain : .end
        case "rollback":
            if statement.isWord("prepared", at: 1) { return nil }
            if statement.isWord("to", at: 1) || statement.matches(["work", "to"], at: 1)
                || statement.matches(["transaction", "to"], at: 1)
            {
                self = .savepoint
            } else {
                self = chained ? .chain : .end
            }
        case "prepare":
            guard statement.isWord("transaction", at: 1) else { return nil }
            self = .end
        case "savepoint", "release":
            self = .savepoint
        default:
            return nil
        }
    }
}

/// The explicit transaction blocks (`BEGIN … COMMIT`) of one section of a file, found in one pass.
package struct TransactionBlocks: Sendable, Hashable {
    /// For each statement of the section: the index of the `BEGIN` that opened the block it runs in (the `BEGIN`
    /// and the statement closing the block included); nil for a statement outside every block.
    package let blockStart: [Int?]
    /// The indices of `BEGIN`s issued while a block was already open (PostgreSQL only warns, and the first
    /// `COMMIT` then ends both).
    package let nestedBegins: [Int]
    /// The index of the `BEGIN` whose block is still open after the section's last statement.
    package let unclosedBegin: Int?

    /// Follows `statements` (one section, in order).
    package init(_ statements: [LintStatement]) {
        var blockStart: [Int?] = []
        blockStart.reserveCapacity(statements.count)
        var nested: [Int] = []
        var open: Int?
        for (index, statement) in statements.enumerated() {
            switch TransactionControlKind(statement) {
            case .begin:
                if open != nil { nested.append(index) } else { open = index }
                blockStart.append(open)
            case .end:
                blockStart.append(open)
                open = nil
            case .chain:
                blockStart.append(open)
                open = open == nil ? nil : index
            case .savepoint, nil:
                blockStart.append(open)
            }
        }
        self.blockStart = blockStart
        self.nestedBegins = nested
        self.unclosedBegin = open
    }

    /// The block start of statement `index`, nil outside the section.
    package func block(of index: Int) -> Int? {
        blockStart.indices.contains(index) ? blockStart[index] : nil
    }
}

extension LintFile {
    /// The explicit transaction blocks of `section`.
    package func transactionBlocks(in section: LintSection) -> TransactionBlocks {
        TransactionBlocks(statements(in: section))
    }

    /// True when `first` and `second` (of one section) run in the same transaction: Strata runs the whole file in
    /// one, they are the same statement, or both are inside the same `BEGIN … COMMIT` block of the file.
    package func runInSameTransaction(
        _ first: LintStatement, _ second: LintStatement, blocks: TransactionBlocks
    ) -> Bool {
        guard first.section == second.section else { return false }
        if runsInTransaction || first.index == second.index { return true }
        guard let one = blocks.block(of: first.index), let other = blocks.block(of: second.index) else { return false }
        return one == other
    }
}
