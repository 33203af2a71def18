import Foundation
import StrataSQL

/// Reads a SQL test file: `-- strata:test NAME` blocks (or the whole file as one test), `-- strata:as ROLE`,
/// `-- strata:claims {json}` and `-- strata:expect rows N | value X | error SQLSTATE` above a statement.
/// Statements before the first block run at the start of every block of the file.
public enum SQLTestParser {
    /// The directive names a test file may hold.
    public static let knownDirectives: Set<String> = ["test", "as", "claims", "expect"]

    /// Parses the file at `path` (used in messages) with content `bytes`.
    public static func parse(path: String, bytes: [UInt8]) throws(StrataError) -> SQLTestFile {
        let source = try SQLSourceText(path: path, bytes: bytes, knownDirectives: knownDirectives, code: .invalidTest)
        let statements = try source.statements()
        try refuseTransactionControl(statements, path: path)

        enum Event {
            case directive(SQLDirective)
            case statement(SQLStatement)
            var offset: Int {
                switch self {
                case .directive(let directive): return directive.position.offset
                case .statement(let statement): return statement.start.offset
                }
            }
        }
        let events = (source.directives.map(Event.directive) + statements.map(Event.statement))
            .sorted { $0.offset < $1.offset }

        var prelude: [SQLTestStep] = []
        var blocks: [(name: String, location: FileLocation, steps: [SQLTestStep])] = []
        var pending: (expectation: SQLTestExpectation, location: FileLocation)?

        func append(_ step: SQLTestStep) {
            if blocks.isEmpty { prelude.append(step) } else { blocks[blocks.count - 1].steps.append(step) }
        }
        func refuseDangling() throws(StrataError) {
            guard let pending else { return }
            throw StrataError(
                .invalidTest, "'-- strata:expect \(pending.expectation)' is followed by no statement",
                location: pending.location, hint: "put the statement to check on the lines below the expectation")
        }

        for event in events {
            switch event {
            case .statement(let statement):
                let location = FileLocation(path: path, line: statement.start.line, column: statement.start.column)
                append(.statement(statement, expectation: pending?.expectation, location))
                pending = nil
            case .directive(let directive):
                let location = source.location(of: directive)
                switch directive.name {
                case "test":
                    try refuseDangling()
                    let name = directive.arguments
                    guard !name.isEmpty else {
                        throw StrataError(
                            .invalidTest, "'-- strata:test' has no name", location: location,
                            hint: "write '-- strata:test an artist sees only their own concerts'")
                    }
                    if let previous = blocks.first(where: { $0.name == name }) {
                        throw StrataError(
                            .invalidTest, "two tests are named '\(name)' (the other one is at line \(previous.location.line))",
                            location: location)
                    }
                    blocks.append((name, FileLocation(path: path, line: directive.position.line), []))
                case "as":
                    try refuseDangling()
                    append(.setRole(try role(directive.arguments, location: location), location))
                case "claims":
                    try refuseDangling()
                    let claims = try self.claims(directive.arguments, location: location)
                    append(.setClaims(json: directive.arguments, claims: claims, location))
                default:
                    try refuseDangling()
                    guard let expectation = SQLTestExpectation.parse(directive.arguments) else {
                        throw StrataError(
                            .invalidTest, "'\(directive.arguments)' is not an expectation", location: location,
                            hint: "write 'rows N', 'value X' or 'error SQLSTATE' (e.g. error 42501)")
                    }
                    pending = (expectation, location)
                }
            }
        }
        try refuseDangling()

        let fileName = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var cases: [SQLTestCase] = []
        if blocks.isEmpty {
            guard prelude.contains(where: { if case .statement = $0 { return true } else { return false } }) else {
                return SQLTestFile(path: path, cases: [])
            }
            cases.append(SQLTestCase(
                name: fileName, location: FileLocation(path: path, line: 1), steps: prelude, kind: kind(of: prelude)))
        } else {
            for block in blocks {
                guard block.steps.contains(where: { if case .statement = $0 { return true } else { return false } }) else {
                    throw StrataError(
                        .invalidTest, "the test '\(block.name)' has no statement", location: block.location,
                        hint: "write the statements to run below '-- strata:test \(block.name)'")
                }
                let steps = prelude + block.steps
                cases.append(SQLTestCase(name: block.name, location: block.location, steps: steps, kind: kind(of: steps)))
            }
        }
        return SQLTestFile(path: path, cases: cases)
    }

    /// Each test runs in a transaction that is rolled back: a statement that ends it (`COMMIT`, `END`, `ROLLBACK`,
    /// `ABORT`, `… AND CHAIN`, `PREPARE TRANSACTION`) would make what follows real and drop the test's role, and
    /// `BEGIN` / `START TRANSACTION` would only warn and mislead. They are refused before anything runs.
    /// `SAVEPOINT`, `RELEASE` and `ROLLBACK TO` stay inside the transaction and are allowed.
    static func refuseTransactionControl(_ statements: [SQLStatement], path: String) throws(StrataError) {
        for statement in statements where statement.changesTransactionBlock {
            let words = statement.keywords.prefix(3).joined(separator: " ").uppercased()
            throw StrataError(
                .invalidTest, "'\(words)' cannot run in a test: each test runs in a transaction that Strata rolls "
                    + "back, and ending it would change the data for real",
                location: FileLocation(path: path, line: statement.start.line, column: statement.start.column),
                hint: "remove it; use SAVEPOINT and ROLLBACK TO SAVEPOINT to undo part of a test")
        }
    }

    /// A role name: `"Quoted"` keeps its case, a plain name is folded to lowercase as PostgreSQL does.
    static func role(_ text: String, location: FileLocation) throws(StrataError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") {
            return String(trimmed.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        }
        guard SQLIdentifier.isPlainName(trimmed) else {
            throw StrataError(
                .invalidTest, "'\(text)' is not a role name", location: location,
                hint: "write '-- strata:as authenticated' (double-quote a name with other characters)")
        }
        return trimmed.lowercased()
    }

    /// The top-level scalar claims of a JSON object, as text.
    static func claims(_ text: String, location: FileLocation) throws(StrataError) -> [String: String] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            throw StrataError(
                .invalidTest, "the claims are not valid JSON", location: location,
                hint: #"write a JSON object on the line: -- strata:claims {"sub":"…","role":"authenticated"}"#)
        }
        guard let dictionary = object as? [String: Any] else {
            throw StrataError(.invalidTest, "the claims must be a JSON object", location: location)
        }
        var claims: [String: String] = [:]
        for (key, value) in dictionary {
            switch value {
            case let string as String: claims[key] = string
            case is [Any], is [String: Any], is NSNull: continue
            default:
                // Numbers and booleans as JSON writes them (`true`, not the `1` string interpolation gives).
                let json = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])
                claims[key] = json.map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
            }
        }
        return claims
    }

    /// `.pgTAP` when a statement calls pgTAP's `plan(…)` or `no_plan()`.
    static func kind(of steps: [SQLTestStep]) -> SQLTestCase.Kind {
        for case .statement(let statement, _, _) in steps {
            let tokens = statement.significantTokens
            for (index, token) in tokens.enumerated() where token.isWord("plan") || token.isWord("no_plan") {
                if index + 1 < tokens.count, tokens[index + 1].isPunctuation("(") { return .pgTAP }
            }
        }
        return .strata
    }
}
