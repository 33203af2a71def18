/// Which statements cannot run in a transaction block, and which control transactions.
extension SQLStatement {
    /// Whether PostgreSQL refuses the statement inside a transaction block (the list is on
    /// `requiresNoTransaction`). `keywords` are the statement's leading words, `tokens` all its tokens.
    static func requiresNoTransaction(keywords: [String], tokens: [Token]) -> Bool {
        func word(_ index: Int) -> String { index < keywords.count ? keywords[index] : "" }
        switch word(0) {
        case "create":
            let index = word(1) == "unique" ? 2 : 1
            if word(index) == "index" {
                return word(index + 1) == "concurrently"
            }
            return word(1) == "database" || word(1) == "tablespace"
        case "drop":
            if word(1) == "index" { return word(2) == "concurrently" }
            return word(1) == "database" || word(1) == "tablespace"
        case "reindex":
            return reindexRequiresNoTransaction(tokens)
        case "vacuum":
            return true
        case "alter":
            switch word(1) {
            case "system":
                return true
            case "table":
                let topLevel = topLevelWords(tokens)
                guard let detach = indexOfSequence(["detach", "partition"], in: topLevel) else { return false }
                return topLevel[(detach + 2)...].contains("concurrently")
            case "database":
                return indexOfSequence(["set", "tablespace"], in: topLevelWords(tokens)) != nil
            default:
                return false
            }
        case "cluster":
            return topLevelWords(tokens).dropFirst().allSatisfy { $0 == "verbose" }
        case "discard":
            return word(1) == "all"
        case "commit", "rollback":
            return word(1) == "prepared"
        default:
            return false
        }
    }

    /// Whether the statement is `BEGIN`, `START TRANSACTION`, `COMMIT`, `END`, `ROLLBACK`, `ABORT`, `SAVEPOINT`,
    /// `RELEASE` or `PREPARE TRANSACTION` (not `BEGIN ATOMIC`, `COMMIT PREPARED` or `ROLLBACK PREPARED`).
    static func isTransactionControl(keywords: [String]) -> Bool {
        guard let first = keywords.first else { return false }
        let second = keywords.count > 1 ? keywords[1] : ""
        switch first {
        case "begin":
            return second != "atomic"
        case "start", "prepare":
            return second == "transaction"
        case "commit", "rollback":
            return second != "prepared"
        case "end", "abort", "savepoint", "release":
            return true
        default:
            return false
        }
    }

    /// Whether the statement starts or ends the transaction block itself: `BEGIN`, `START TRANSACTION`,
    /// `COMMIT` and `COMMIT AND CHAIN`, `END`, `ROLLBACK` and `ROLLBACK AND CHAIN`, `ABORT`,
    /// `PREPARE TRANSACTION`; not `SAVEPOINT`, `RELEASE` or `ROLLBACK [WORK | TRANSACTION] TO …`, which stay
    /// inside it.
    static func changesTransactionBlock(keywords: [String]) -> Bool {
        guard isTransactionControl(keywords: keywords) else { return false }
        switch keywords.first {
        case "savepoint", "release":
            return false
        case "rollback":
            let next = keywords.dropFirst().first { $0 != "work" && $0 != "transaction" }
            return next != "to"
        default:
            return true
        }
    }

    /// `REINDEX [ ( options ) ] { INDEX | TABLE | SCHEMA | DATABASE | SYSTEM } [ CONCURRENTLY ] name`, where
    /// `CONCURRENTLY` may also be an option in the parentheses.
    private static func reindexRequiresNoTransaction(_ tokens: [Token]) -> Bool {
        var depth = 0
        var target: String?
        for token in tokens.lazy.filter({ !$0.isTrivia }).dropFirst() {
            if token.isPunctuation("(") {
                depth += 1
            } else if token.isPunctuation(")") {
                depth -= 1
            } else if token.kind == .word {
                if token.normalized == "concurrently" {
                    if depth > 0 || target != nil { return true }
                } else if depth == 0 {
                    guard target == nil else { return false }
                    target = token.normalized
                    if ["schema", "database", "system"].contains(token.normalized) { return true }
                }
            }
        }
        return false
    }

    /// Normalized words outside parentheses, skipping trivia; other tokens at depth 0 appear as empty strings.
    private static func topLevelWords(_ tokens: [Token]) -> [String] {
        var depth = 0
        var words: [String] = []
        for token in tokens where !token.isTrivia {
            if token.isPunctuation("(") {
                depth += 1
            } else if token.isPunctuation(")") {
                depth = max(0, depth - 1)
            } else if depth == 0 {
                words.append(token.kind == .word ? token.normalized : "")
            }
        }
        return words
    }

    private static func indexOfSequence(_ sequence: [String], in words: [String]) -> Int? {
        guard words.count >= sequence.count else { return nil }
        for start in 0...(words.count - sequence.count)
        where words[start..<(start + sequence.count)].elementsEqual(sequence) {
            return start
        }
        return nil
    }
}
