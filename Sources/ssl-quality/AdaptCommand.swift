// ssl-quality · AdaptCommand.swift — `ssl-quality adapt`: apply a saved adapter to a dump.

import ArgumentParser
import Foundation
import SSLQuality
import SSLQualityFinetune
import SSLQualityIO

/// Applies `adapter.safetensors` to every row of an embedding file, streamed in row blocks.
struct AdaptCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "adapt",
    abstract: "Apply a fine-tuned adapter (adapter.safetensors) to an embedding file, in row blocks.")

  @Argument(help: "The adapter (fc1.weight [hidden, D], fc1.bias, fc2.weight [D, hidden], fc2.bias).") var adapter: String
  @Argument(help: "Embeddings (N × D).") var input: String
  @Option(help: "Output .npy (N × D float32).") var out: String
  @Option(help: "Rows read at a time, rounded up to a multiple of 256 (memory is a few reads); the output is the same for any value.")
  var blockRows: Int = 4096
  @Option(help: "Worker threads (default: all cores).") var threads: Int?

  func validate() throws {
    guard blockRows >= 1 else { throw ValidationError("--block-rows must be at least 1, got \(blockRows)") }
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
  }

  func run() throws {
    let outputs = try OutputSet([("--out", out)], inputs: [("<adapter>", adapter), ("<input>", input)])
    let model = try AdapterFile.read(adapter)
    let source = try ArrayFile.matrix(input)
    guard source.columns == model.fc1.inputs else {
      throw InputError(input, "has \(source.columns) features but the adapter takes \(model.fc1.inputs)")
    }
    let context = ExecutionContext(threads: threads ?? max(1, ProcessInfo.processInfo.activeProcessorCount))
    try context.blas { try AdapterFile.apply(model, to: source, writing: out, in: outputs, blockRows: blockRows) }
    try outputs.commit()
  }
}
