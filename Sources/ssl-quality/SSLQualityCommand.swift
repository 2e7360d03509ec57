// ssl-quality · SSLQualityCommand.swift — the root command and the exit-code contract.

import ArgumentParser
import Foundation
import SSLQuality
import SSLQualityIO

/// `ssl-quality`: measures self-supervised representations from embedding files.
///
/// Exit codes: 0 success; 2 bad usage or bad input (one line naming the file and the
/// problem); 1 internal error.
@main
struct SSLQualityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ssl-quality",
    abstract: "Label-free quality measures for self-supervised image representations.",
    version: "0.1.0",
    subcommands: [
      InspectCommand.self, FeaturesCommand.self, ScoreCommand.self, ProbeCommand.self, CompressCommand.self, InterpretCommand.self,
      SpectrumCommand.self, CalibrateCommand.self, CompareCommand.self, ReportCommand.self, ObjectiveCommand.self, FinetuneCommand.self,
      AdaptCommand.self,
    ])

  static func main() {
    main(arguments: Array(CommandLine.arguments.dropFirst()))
  }

  /// A usage error in two lines: the problem, then where to look.
  static func usageMessage(for error: Error, arguments: [String]) -> String {
    let subcommand = arguments.first.flatMap { name in
      configuration.subcommands.first { $0.configuration.commandName == name }?.configuration.commandName
    }
    let problem = InputError.escaped(message(for: error)).replacingOccurrences(of: "\\u{A}", with: " ")
    return "ssl-quality: \(problem)\nsee 'ssl-quality\(subcommand.map { " " + $0 } ?? "") --help'\n"
  }

  /// Parses `arguments`, runs the command and exits with the contract's code.
  static func main(arguments: [String]) -> Never {
    AllocatorPolicy.apply()
    StagedPaths.installSignalHandlers()  // SIGINT/SIGTERM remove staged outputs; SIGXFSZ becomes a "file too large" error
    ExecutionContext.stopIdleBLASThreads()  // OpenBLAS stays on one thread; products spread their blocks over --threads
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
      Foundation.exit(0)
    } catch let error as InputError {
      StandardError.write("ssl-quality: \(error)\n")
      Foundation.exit(2)
    } catch {
      let code = exitCode(for: error)
      if code == .success { exit(withError: error) }
      if code == .validationFailure {
        StandardError.write(usageMessage(for: error, arguments: arguments))
        Foundation.exit(2)
      }
      if error is ExitCode { Foundation.exit(code.rawValue) }
      StandardError.write("ssl-quality: internal error: \(InputError.escaped("\(error)"))\n")
      Foundation.exit(1)
    }
  }
}
