// ssl-quality · AdaptCommand.swift — `ssl-quality adapt`: apply a saved adapter to a dump.

import ArgumentParser
import SSLQualityAnalysis
import SSLQualityIO

/// Applies `adapter.safetensors` to every row of an embedding file, streamed in row blocks.
struct AdaptCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "adapt",
    abstract: "Apply a fine-tuned adapter (adapter.safetensors) to an embedding file, in row blocks.")

  @Argument(help: "The adapter (fc1.weight [hidden, D], fc1.bias, fc2.weight [D, hidden], fc2.bias).") var adapter: String
  @Argument(help: "Embeddings (N × D).") var input: String
  @Option(help: "Output .npy (N × D float32).") var embeddingsOut: String
  @Option(help: "Rows read at a time, rounded up to a multiple of 256 (memory is a few reads); the output is the same for any value.")
  var blockRows: Int = 4096
  @OptionGroup var threading: ThreadOptions

  func validate() throws {
    guard blockRows >= 1 else { throw ValidationError("--block-rows must be at least 1, got \(blockRows)") }
  }

  func run() throws {
    let outputs = try OutputSet([("--embeddings-out", embeddingsOut)], inputs: [("<adapter>", adapter), ("<input>", input)])
    var analysis = AdaptAnalysis(adapter: adapter, embeddings: input)
    analysis.blockRows = blockRows
    let context = threading.context("adapt")
    let outcome = try analysis.run(context: context, notices: NoticeText.sink())
    try outcome.write(to: embeddingsOut, in: outputs, context: context)
    try outputs.commit()
  }
}
