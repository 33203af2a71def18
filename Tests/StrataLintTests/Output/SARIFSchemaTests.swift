import Foundation
import StrataLint
import Testing

/// `--format sarif` output validated against `Fixtures/sarif-2.1.0-subset.schema.json` (our own draft-07 schema for
/// the part of SARIF 2.1.0 Strata writes) with the Python `jsonschema` package. Without `python3` and `jsonschema`
/// these tests fail, saying `pip install jsonschema`.
@Suite struct SARIFSchemaTests {
    static let validator = JSONSchemaValidator(schema: Fixture.root.appendingPathComponent("sarif-2.1.0-subset.schema.json"))

    /// Three files with errors and warnings, a path with a space, a non-ASCII path, a finding in a separate down
    /// file and a file-level finding without an excerpt.
    static func report(_ configuration: LintConfiguration = LintConfiguration()) throws -> LintReport {
        let files = [
            try LintFile(
                path: "db/migrations/001_create users.sql",
                upSQL: """
                    CREATE TABLE users (id serial PRIMARY KEY, name varchar(50), created_at timestamp);
                    CREATE INDEX users_name ON users (name);
                    ALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users (id);

                    """,
                downSQL: "DROP INDEX users_name;\n"),
            try LintFile(
                path: "db/migrations/002_comptes_à_rendre.sql",
                upSQL: """
                    ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid();
                    CREATE INDEX accounts_token ON accounts (token);

                    """),
            try LintFile(
                path: "db/migrations/003_legacy.up.sql",
                upSQL: "ALTER TABLE legacy RENAME COLUMN a TO b;\n",
                downSQL: "ALTER TABLE legacy RENAME COLUMN b TO a;\nDROP TABLE legacy_archive;\n",
                downPath: "db/migrations/003_legacy.down.sql"),
        ]
        return Linter(configuration: configuration).lint(files)
    }

    /// Formats `report` as SARIF into a temporary file and validates it.
    static func validate(_ report: LintReport) throws -> JSONSchemaValidator.Outcome {
        try validate(text: LintOutputFormat.sarif.formatter().format(report))
    }

    static func validate(text: String) throws -> JSONSchemaValidator.Outcome {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("strata-sarif-\(UUID().uuidString).sarif")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try validator.validate(url)
    }

    @Test func reportWithSeveralFindingsIsValidSARIF() throws {
        let report = try Self.report()
        try #require(report.findings.count >= 6)
        try #require(report.errorCount > 0 && report.warningCount > 0)
        try #require(report.findings.contains { $0.excerpt == nil })
        try #require(report.findings.contains { $0.path.hasSuffix(".down.sql") })
        #expect(try Self.validate(report) == .valid)
    }

    @Test func absoluteDocumentationLinksAreValidSARIF() throws {
        let configuration = LintConfiguration(documentationBaseURL: "https://example.org/strata/blob/main/")
        let report = try Self.report(configuration)
        try #require(report.rules.allSatisfy { $0.documentation.hasPrefix("https://example.org/") })
        #expect(try Self.validate(report) == .valid)
    }

    @Test func reportWithoutFindingsIsValidSARIF() throws {
        let report = Linter().lint([try LintFile(path: "ok.sql", upSQL: "SELECT 1;\n", downSQL: "SELECT 1;\n")])
        try #require(report.findings.isEmpty)
        #expect(try Self.validate(report) == .valid)
    }

    /// A broken document must fail, at the place that is broken: otherwise the positive tests prove nothing.
    @Test(arguments: BrokenSARIF.allCases)
    func brokenSARIFFailsValidation(_ broken: BrokenSARIF) throws {
        let output = LintOutputFormat.sarif.formatter().format(try Self.report())
        let log = try JSONSerialization.jsonObject(with: Data(output.utf8))
        let mutated = try broken.apply(to: log)
        let data = try JSONSerialization.data(withJSONObject: mutated, options: [.sortedKeys])
        let outcome = try Self.validate(text: String(decoding: data, as: UTF8.self))
        guard case .invalid(let errors) = outcome else {
            Issue.record("the schema accepted a document with \(broken)")
            return
        }
        #expect(
            errors.contains { $0.hasPrefix(broken.errorPath + ": ") && $0.contains(broken.errorText) },
            "expected an error at \(broken.errorPath) mentioning \(broken.errorText), got \(errors)")
    }
}

/// One way to break a valid SARIF log, and the error the validator must report for it.
enum BrokenSARIF: String, CaseIterable, CustomStringConvertible {
    case resultLevelFatal
    case ruleDefaultLevelFatal
    case wrongVersion
    case startLineZero
    case startColumnZero
    case uriWithSpace
    case messageWithoutText
    case unknownResultProperty
    case ruleWithoutID
    case driverWithoutName

    var description: String { rawValue }

    private static var result: [Any] { ["runs", 0, "results", 0] }
    private static var physicalLocation: [Any] { result + ["locations", 0, "physicalLocation"] }
    private static var rule: [Any] { ["runs", 0, "tool", "driver", "rules", 0] }

    /// The value to set (nil removes the key) and where.
    private var change: (path: [Any], value: Any?) {
        switch self {
        case .resultLevelFatal: return (Self.result + ["level"], "fatal")
        case .ruleDefaultLevelFatal: return (Self.rule + ["defaultConfiguration", "level"], "fatal")
        case .wrongVersion: return (["version"], "2.0.0")
        case .startLineZero: return (Self.physicalLocation + ["region", "startLine"], 0)
        case .startColumnZero: return (Self.physicalLocation + ["region", "startColumn"], 0)
        case .uriWithSpace: return (Self.physicalLocation + ["artifactLocation", "uri"], "db/migrations/001 init.sql")
        case .messageWithoutText: return (Self.result + ["message", "text"], nil)
        case .unknownResultProperty: return (Self.result + ["severity"], "error")
        case .ruleWithoutID: return (Self.rule + ["id"], nil)
        case .driverWithoutName: return (["runs", 0, "tool", "driver", "name"], nil)
        }
    }

    /// The document path of the error, as the validator prints it.
    var errorPath: String {
        let path = change.path
        let reportedAt: [Any]
        switch self {
        case .messageWithoutText, .unknownResultProperty, .ruleWithoutID, .driverWithoutName:
            reportedAt = Array(path.dropLast())  // required / additionalProperties: reported on the object
        default:
            reportedAt = path
        }
        return reportedAt.map { "\($0)" }.joined(separator: "/")
    }

    /// Text the validator's message must contain.
    var errorText: String {
        switch self {
        case .resultLevelFatal, .ruleDefaultLevelFatal: return "'fatal' is not one of"
        case .wrongVersion: return "'2.0.0' is not one of"
        case .startLineZero, .startColumnZero: return "less than the minimum of 1"
        case .uriWithSpace: return "does not match"
        case .messageWithoutText: return "'text' is a required property"
        case .unknownResultProperty: return "'severity' was unexpected"
        case .ruleWithoutID: return "'id' is a required property"
        case .driverWithoutName: return "'name' is a required property"
        }
    }

    /// `log` with the change applied.
    func apply(to log: Any) throws -> Any {
        try Self.set(change.value, at: change.path[...], in: log)
    }

    private struct MissingPath: Error {}

    private static func set(_ value: Any?, at path: ArraySlice<Any>, in node: Any) throws -> Any {
        guard let key = path.first else { return value as Any }
        let rest = path.dropFirst()
        if let index = key as? Int, var array = node as? [Any], array.indices.contains(index) {
            array[index] = try set(value, at: rest, in: array[index])
            return array
        }
        if let key = key as? String, var object = node as? [String: Any] {
            if rest.isEmpty {
                object[key] = value
            } else {
                guard let child = object[key] else { throw MissingPath() }
                object[key] = try set(value, at: rest, in: child)
            }
            return object
        }
        throw MissingPath()
    }
}
