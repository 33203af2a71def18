import ArgumentParser
import Foundation
import StrataCore

/// Entry point of the `strata` command line: parses arguments, runs the command, renders errors once and exits
/// with the documented status (see `ExitStatus`).
public enum StrataMain {
    /// Runs `strata` with the process's arguments and exits.
    public static func run() async -> Never {
        let status = await run(arguments: Array(CommandLine.arguments.dropFirst()))
        exit(status.rawValue)
    }

    /// Runs `strata` with `arguments` and returns the exit status (used by tests).
    public static func run(arguments: [String]) async -> ExitStatus {
        do {
            var command = try StrataCommand.parseAsRoot(GlobalOptionPlacement.movingLeadingOptions(arguments))
            try OutputSetup.apply(to: command)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return .success
        } catch let error as StrataError {
            Console.standardError.write(ErrorRenderer.render(error, color: Console.standardError.supportsColor))
            return error.exitStatus
        } catch let exit as ExitCommandStatus {
            return exit.status
        } catch {
            let code = StrataCommand.exitCode(for: error)
            if code == .success {
                Console.standardOutput.write(StrataCommand.fullMessage(for: error))
                return .success
            }
            if code == .validationFailure {
                Console.standardError.write("error: " + StrataCommand.fullMessage(for: error)
                    .replacingOccurrences(of: "Error: ", with: ""))
                return .usage
            }
            // Not a usage error and not one of Strata's: report it as a failure, without a stack trace.
            let unexpected = StrataError(.internal, "unexpected failure: \(error)")
            Console.standardError.write(ErrorRenderer.render(unexpected, color: Console.standardError.supportsColor))
            return .failure
        }
    }
}

/// Thrown by a command that finished but must exit with a non-zero status (for example `status --exit-code`).
struct ExitCommandStatus: Error {
    let status: ExitStatus
}
