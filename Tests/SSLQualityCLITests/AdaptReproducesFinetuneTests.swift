// ssl-quality · AdaptReproducesFinetuneTests.swift — `adapt` at any --block-rows and --threads writes finetune's train.npy byte for byte.

import Foundation
import Testing
import TestSupport

@testable import SSLQuality
@testable import SSLQualityIO

@Suite("adapt reproduces finetune", .serialized)
struct AdaptReproducesFinetuneTests {
  @Test("adapt --block-rows 1, 7, 4096 reproduce finetune's train.npy byte for byte on a 256-wide encoder")
  func blockRows() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    // 600 rows of the demo encoder's features (256 wide): two whole 256-row blocks and a partial one.
    var inputs: [String] = []
    for name in ["train_view0", "train_view1", "train"] {
      let matrix = try ArrayFile.open(Fixtures.path("demo/\(name).npy")).matrix().load(context: .serial).rowRange(0..<600)
      inputs.append(scratch.file("\(name).npy"))
      try NPYWriter.write(matrix, to: inputs[inputs.count - 1])
    }
    let finetune = try CLI.run(
      ["finetune", "--views", inputs[0], inputs[1], "--train", inputs[2], "--epochs", "1", "--batch-size", "200", "--out", scratch.file("run")])
    #expect(finetune.status == 0, "\(finetune.stderr)")
    let expected = try Data(contentsOf: URL(fileURLWithPath: scratch.file("run/train.npy")))
    // The trained adapter is not the identity on these rows (whose bits no product could change).
    #expect(try ArrayFile.open(scratch.file("run/train.npy")).floats() != ArrayFile.open(inputs[2]).floats())
    for (rows, threads) in [(1, 1), (7, 3), (4096, 2)] {
      let out = scratch.file("adapted-\(rows).npy")
      let adapt = try CLI.run(
        ["adapt", scratch.file("run/adapter.safetensors"), inputs[2], "--embeddings-out", out, "--block-rows", "\(rows)", "--threads", "\(threads)"])
      #expect(adapt.status == 0, "\(adapt.stderr)")
      #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == expected, "--block-rows \(rows) --threads \(threads)")
    }
  }
}
