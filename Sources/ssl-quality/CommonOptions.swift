// ssl-quality · CommonOptions.swift — finetune's `--threads`, `--json` and `--json-out`.

import ArgumentParser
import SSLQuality
import SSLQualityIO

/// The groups `finetune` honours, under the one name its command reads them by:
/// ``ThreadOptions`` and ``JSONOutputOptions``. (It refuses NaN/Inf rows whatever the
/// flags, so it has no `--strict`.)
struct CommonOptions: ParsableArguments {
  @OptionGroup var threading: ThreadOptions
  @OptionGroup var output: JSONOutputOptions

  var jsonOut: String? { output.jsonOut }

  func context(_ label: String) -> ExecutionContext { threading.context(label) }

  func emit(outputs: OutputSet, serializedJSON json: String, text: String) throws {
    try output.emit(outputs: outputs, serializedJSON: json, text: text)
  }
}
