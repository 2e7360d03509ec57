// ssl-quality · CommonOptions.swift — flags every subcommand shares.

import ArgumentParser
import Foundation
import SSLQuality

/// `--json` and `--threads`.
struct CommonOptions: ParsableArguments {
  @Flag(help: "Print one JSON object on stdout instead of a summary.")
  var json = false

  @Option(help: "Worker threads (default: all cores).")
  var threads: Int?

  mutating func validate() throws {
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
  }

  /// The thread count to use: `--threads`, or every core this process may use.
  var threadCount: Int { threads ?? max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// The execution context of a command: `--threads` workers, progress on stderr
  /// (terminal only) labelled `label`.
  func context(_ label: String) -> ExecutionContext {
    ExecutionContext(threads: threadCount, progress: ProgressDisplay(label).sink)
  }
}
