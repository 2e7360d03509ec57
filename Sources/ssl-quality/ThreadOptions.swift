// ssl-quality · ThreadOptions.swift — `--threads`, for every command that runs on an execution context.

import ArgumentParser
import Foundation
import SSLQuality

/// `--threads N`: how many workers a command's analysis runs on.
struct ThreadOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: "Worker threads (default and most: every core this process may use).")
  var threads: Int?

  mutating func validate() throws {
    if let threads { try FlagRules.atLeast("--threads", threads, 1) }
  }

  /// Cores this process may use.
  static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// The thread count to use: `--threads` clamped to the cores this process may use
  /// (more workers than cores only add buffers and switches), or every core.
  var threadCount: Int { min(threads ?? Self.cores, Self.cores) }

  /// The execution context of a command: `--threads` workers, progress on stderr
  /// (terminal only) labelled `label`.
  func context(_ label: String) -> ExecutionContext {
    ExecutionContext(threads: threadCount, progress: ProgressDisplay(label).sink)
  }
}
