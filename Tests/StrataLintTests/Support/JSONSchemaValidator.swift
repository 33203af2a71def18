import Foundation

/// Validates JSON documents against a draft-07 JSON Schema with the Python `jsonschema` package (from PyPI), run as
/// `python3 -c …` through Foundation's `Process`. A missing `python3` or `jsonschema` is an error, never a skip:
/// `scripts/test` installs the package (`pip install jsonschema`).
struct JSONSchemaValidator {
    /// The outcome of one validation.
    enum Outcome: Equatable {
        /// The document conforms to the schema.
        case valid
        /// The document does not conform: one line per error, `path/in/document: message` (the path is empty for
        /// the root).
        case invalid([String])
    }

    /// Why validation could not run at all.
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// The schema file.
    var schema: URL

    /// Exit statuses of `script` besides 0 (valid) and 1 (invalid).
    private static let missingPackage: Int32 = 3
    private static let invalidSchema: Int32 = 4
    private static let commandNotFound: Int32 = 127

    /// Checks the schema itself, then prints every error of the document sorted by path.
    private static let script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            sys.exit(3)
        with open(sys.argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        with open(sys.argv[2], encoding="utf-8") as f:
            document = json.load(f)
        try:
            jsonschema.Draft7Validator.check_schema(schema)
        except jsonschema.SchemaError as error:
            print("the schema is not a valid draft-07 schema: " + error.message)
            sys.exit(4)
        validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
        errors = sorted(validator.iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
        for error in errors:
            print("/".join(str(p) for p in error.absolute_path) + ": " + error.message)
        sys.exit(1 if errors else 0)
        """

    /// Validates the JSON file at `document`.
    func validate(_ document: URL) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, schema.path, document.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            throw Unavailable(description: "cannot start python3 (\(error)); install Python 3, then `pip install jsonschema`")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        switch process.terminationStatus {
        case 0:
            return .valid
        case 1 where !text.contains("Traceback"):
            return .invalid(text.split(separator: "\n").map(String.init))
        case Self.missingPackage:
            throw Unavailable(description: "the Python package jsonschema is missing: pip install jsonschema")
        case Self.commandNotFound:
            throw Unavailable(description: "python3 is not on PATH: install Python 3, then `pip install jsonschema`")
        case Self.invalidSchema:
            throw Unavailable(description: "\(schema.lastPathComponent): \(text)")
        default:
            throw Unavailable(
                description: "the validator failed (exit \(process.terminationStatus)): \(text)")
        }
    }
}
