/// SARIF 2.1.0 (the OASIS static-analysis format GitHub code scanning and others import): one run whose
/// `tool.driver.rules` lists every rule that ran (id, short description, help, `helpUri`, default level) and whose
/// `results` point at the findings, with the source line as the `contextRegion` snippet. Columns are counted in
/// Unicode code points (`columnKind`).
public struct SARIFLintFormatter: LintFormatter {
    /// The schema the document declares.
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    /// The tool name written into the run.
    public var toolName: String

    /// Creates the formatter.
    public init(toolName: String = "strata") {
        self.toolName = toolName
    }

    /// The SARIF document, pretty-printed, with a final line break.
    public func format(_ report: LintReport) -> String {
        var ruleIndex: [String: Int] = [:]
        for (index, rule) in report.rules.enumerated() { ruleIndex[rule.id] = index }
        let rules = report.rules.map { rule in
            Rule(
                id: rule.id, shortDescription: Text(text: rule.summary), help: Text(text: rule.help),
                helpUri: rule.documentation, defaultConfiguration: Configuration(level: rule.severity.rawValue))
        }
        let results = report.findings.map { finding in
            Result(
                ruleId: finding.ruleID, ruleIndex: ruleIndex[finding.ruleID], level: finding.severity.rawValue,
                message: Text(text: finding.message + "\nhelp: " + finding.help),
                locations: [
                    Location(
                        physicalLocation: PhysicalLocation(
                            artifactLocation: ArtifactLocation(uri: Self.uri(forPath: finding.path)),
                            region: Region(startLine: finding.line, startColumn: finding.column),
                            contextRegion: finding.excerpt.map { excerpt in
                                Region(
                                    startLine: excerpt.line, startColumn: excerpt.column == 1 ? nil : excerpt.column,
                                    snippet: Text(text: excerpt.text))
                            }))
                ])
        }
        let log = Log(
            schema: Self.schemaURI, version: "2.1.0",
            runs: [
                Run(tool: Tool(driver: Driver(name: toolName, rules: rules)), columnKind: "unicodeCodePoints",
                    results: results)
            ])
        return encodeJSON(log) + "\n"
    }

    /// A relative URI reference for a file path: `/` separators, everything but unreserved characters escaped.
    static func uri(forPath path: String) -> String {
        var output = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "\\"):
                output += "/"
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                output += "%"
                output.unicodeScalars.append(hex[Int(byte >> 4)])
                output.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return output
    }

    private struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]
        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    private struct Run: Encodable {
        var tool: Tool
        var columnKind: String
        var results: [Result]
    }

    private struct Tool: Encodable {
        var driver: Driver
    }

    private struct Driver: Encodable {
        var name: String
        var rules: [Rule]
    }

    private struct Rule: Encodable {
        var id: String
        var shortDescription: Text
        var help: Text
        var helpUri: String
        var defaultConfiguration: Configuration
    }

    private struct Configuration: Encodable {
        var level: String
    }

    private struct Text: Encodable {
        var text: String
    }

    private struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int?
        var level: String
        var message: Text
        var locations: [Location]
    }

    private struct Location: Encodable {
        var physicalLocation: PhysicalLocation
    }

    private struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
        /// The whole source line around `region`.
        var contextRegion: Region?
    }

    private struct ArtifactLocation: Encodable {
        var uri: String
    }

    private struct Region: Encodable {
        var startLine: Int
        var startColumn: Int?
        var snippet: Text?
    }
}
