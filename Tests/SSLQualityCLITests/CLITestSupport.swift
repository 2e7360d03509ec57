// ssl-quality · CLITestSupport.swift — running the built ssl-quality executable.

import Foundation
import TestSupport

/// The `ssl-quality` executable built next to this test bundle.
enum CLI {
  static let executable: String = {
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    return directory.appendingPathComponent("ssl-quality").path
  }()

  /// Runs `ssl-quality arguments...` from the repository root.
  static func run(_ arguments: [String]) throws -> ProcessResult {
    try runProcess(executable, arguments, directory: Fixtures.root.path)
  }

  /// Starts `ssl-quality arguments...` from the repository root without waiting for it; its
  /// standard output is discarded.
  static func start(_ arguments: [String], stderr: ChildProcess.Output) throws -> ChildProcess {
    try ChildProcess(executable, arguments, directory: Fixtures.root.path, stdout: .discard, stderr: stderr)
  }

  /// The parsed JSON object a `--json` run printed.
  static func json(_ arguments: [String]) throws -> [String: Any] {
    let result = try run(arguments + ["--json"])
    guard result.status == 0, let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    else { throw CLIFailure(result: result) }
    return object
  }

  struct CLIFailure: Error, CustomStringConvertible {
    var result: ProcessResult
    var description: String { "exit \(result.status): \(result.stderr)" }
  }
}
