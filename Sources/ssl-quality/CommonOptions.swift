// ssl-quality · CommonOptions.swift — flags every subcommand shares.

import ArgumentParser
import Foundation
import SSLQuality
import SSLQualityIO

/// `--json`, `--json-out` and `--threads`.
struct CommonOptions: ParsableArguments {
  @Flag(help: "Print one JSON object on stdout instead of a summary.")
  var json = false

  @Option(help: ArgumentHelp("Also write the JSON object to this file (the summary still goes to the terminal).", valueName: "file.json"))
  var jsonOut: String?

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

  /// Writes `json` to `--json-out` (when given) and prints it (with `--json`) or `text`.
  func emit(json: JSONValue, text: String) throws {
    try emit(serializedJSON: json.serialized(), text: text)
  }

  /// The same for a result already serialised (Codable results).
  func emit(serializedJSON json: String, text: String) throws {
    if let jsonOut { try AtomicFile.write(json + "\n", to: jsonOut) }
    print(self.json ? json : text)
  }
}
