// ssl-quality · CommonOptions.swift — flags every subcommand shares.

import ArgumentParser
import Foundation
import SSLQuality
import SSLQualityAnalysis
import SSLQualityIO

/// `--json`, `--json-out`, `--threads` and `--strict`.
struct CommonOptions: ParsableArguments {
  @Flag(help: "Print one JSON object on stdout instead of a summary.")
  var json = false

  @Option(help: ArgumentHelp("Also write the JSON object to this file (the summary still goes to the terminal).", valueName: "file.json"))
  var jsonOut: String?

  @Option(parsing: .unconditional, help: "Worker threads (default and most: every core this process may use).")
  var threads: Int?

  @Flag(help: "Reject input rows holding NaN or Inf instead of leaving them out with a warning.")
  var strict = false

  mutating func validate() throws {
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
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

  /// The analyses' notices as warnings on stderr; `probe` words a probe fit that did not
  /// converge in terms of its flags.
  func notices(probe: ProbeOptions? = nil) -> NoticeSink {
    NoticeSink { notice in StandardError.write(NoticeText.line(notice, probe: probe)) }
  }

  /// Stages `result`'s JSON for `--json-out` (when given) in `outputs`, commits the whole
  /// set, then prints the JSON (with `--json`) or `text`.
  func emit(result: some Encodable, text: String, outputs: OutputSet) throws {
    try emit(outputs: outputs, serializedJSON: ResultJSON.text(result), text: text)
  }

  /// The same for a result already serialised.
  func emit(outputs: OutputSet, serializedJSON json: String, text: String) throws {
    if let jsonOut { try outputs.write(json + "\n", to: jsonOut) }
    try outputs.commit()
    print(self.json ? json : Self.terminalText(text))
  }

  /// A summary for the terminal: ids, paths and names in it come from files and flags, so
  /// every control character but the line breaks between lines is made visible
  /// (``ControlCharacters``) and none reaches the terminal raw (an ESC sequence in an id).
  static func terminalText(_ text: String) -> String {
    ControlCharacters.escaped(text, keeping: ["\n"])
  }
}
