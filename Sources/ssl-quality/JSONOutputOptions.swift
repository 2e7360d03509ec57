// ssl-quality · JSONOutputOptions.swift — `--json` and `--json-out`, for every command with a JSON document.

import ArgumentParser
import SSLQuality
import SSLQualityAnalysis
import SSLQualityIO

/// Where a command's JSON document goes: stdout instead of the summary (`--json`) and/or a
/// file (`--json-out`).
struct JSONOutputOptions: ParsableArguments {
  @Flag(help: "Print one JSON object on stdout instead of a summary.")
  var json = false

  @Option(help: ArgumentHelp("Also write the JSON object to this file (the summary still goes to the terminal).", valueName: "file.json"))
  var jsonOut: String?

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
