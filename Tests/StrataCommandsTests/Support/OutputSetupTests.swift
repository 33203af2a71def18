import Testing

@testable import StrataCommands

/// Output set-up is its own step after parsing: it finds the output flags in whichever option set a command has.
@Suite struct OutputSetupTests {
    @Test func theOutputFlagsAreFoundInEveryKindOfOptionSet() throws {
        let status = try StrataCommand.parseAsRoot(["status", "--no-color", "-q"])
        #expect(OutputSetup.flags(of: status)?.noColor == true)
        #expect(OutputSetup.flags(of: status)?.quiet == true)
        let test = try StrataCommand.parseAsRoot(["test", "--verbose"])
        #expect(OutputSetup.flags(of: test)?.verbose == true)
        let new = try StrataCommand.parseAsRoot(["new", "x", "--no-color"])
        #expect(OutputSetup.flags(of: new)?.noColor == true)
        #expect(OutputSetup.flags(of: try StrataCommand.parseAsRoot(["dev", "url"]))?.noColor == false)
        #expect(OutputSetup.logger(for: try GlobalOptions.parse(["--verbose"])).logLevel == .debug)
    }
}
