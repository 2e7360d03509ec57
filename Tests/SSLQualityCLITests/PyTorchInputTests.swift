// ssl-quality · PyTorchInputTests.swift — commands read torch.save files as they read the .npy of the same tensors.

import Foundation
import Testing
import TestSupport

@Suite("PyTorch inputs")
struct PyTorchInputTests {
  /// The JSON document without its timing and the input's path, at any depth.
  static func document(_ arguments: [String]) throws -> NSDictionary {
    func strip(_ value: Any) -> Any {
      if let object = value as? [String: Any] {
        return object.filter { $0.key != "seconds" && $0.key != "path" }.mapValues(strip)
      }
      if let array = value as? [Any] { return array.map(strip) }
      return value
    }
    return strip(try CLI.json(arguments)) as? NSDictionary ?? [:]
  }

  @Test("score, spectrum and features give the .npy's figures for a .pt, a gathered view and a transposed tensor", arguments: [
    ("tensor.pt", "tensor.npy"), ("view.pt", "view.npy"), ("transposed.pt", "transposed.npy"),
  ])
  func sameFigures(torch: String, numpy: String) throws {
    for command in [["score", "--epsilon", "1"], ["spectrum"], ["features", "--epsilon", "1"]] {
      let a = try Self.document([command[0], "fixtures/torch/" + torch] + command.dropFirst())
      let b = try Self.document([command[0], "fixtures/torch/" + numpy] + command.dropFirst())
      #expect(a == b, "\(command[0]) \(torch)")
    }
  }

  @Test("probe reads a dictionary's entries and DINO-style label files")
  func dictionaryEntries() throws {
    let fromTorch = try Self.document([
      "probe", "--train", "fixtures/torch/dict.pth:feats", "--train-labels", "fixtures/torch/dict.pth:labels", "--test",
      "fixtures/torch/dict.pth:feats", "--test-labels", "fixtures/torch/trainlabels.pth",
    ])
    let fromNumpy = try Self.document([
      "probe", "--train", "fixtures/torch/dict.feats.npy", "--train-labels", "fixtures/torch/dict.labels.npy", "--test",
      "fixtures/torch/dict.feats.npy", "--test-labels", "fixtures/torch/trainlabels.npy",
    ])
    #expect(fromTorch["accuracy"] as? Double == fromNumpy["accuracy"] as? Double && fromTorch["accuracy"] != nil)
  }

  @Test("a pickle with a foreign global: exit 2, one line naming the file and the global, nothing written")
  func refused() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let run = try CLI.run(["score", "fixtures/torch/runs_system.pt:x", "--scores-out", scratch.file("q.npy")])
    #expect(run.status == 2 && run.stdout.isEmpty && scratch.contents().isEmpty)
    #expect(
      run.stderr
        == "ssl-quality: fixtures/torch/runs_system.pt: the pickle names the global 'posix.system', which a saved tensor does not need; nothing was run\n")
  }
}
