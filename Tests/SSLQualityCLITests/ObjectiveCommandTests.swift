// ssl-quality · ObjectiveCommandTests.swift — `objective` against lightly's values, and bad input.

import Foundation
import SSLQualityIO
import TestSupport
import Testing

@Suite("objective command")
struct ObjectiveCommandTests {
  let f = "fixtures/training/"

  /// The float64 array `key` of `fixtures/training/<file>.npz`.
  private func reference(_ file: String, _ key: String) throws -> [Double] {
    try ArrayFile.open(Fixtures.path("training/\(file).npz") + ":" + key).doubles()
  }

  @Test func valuesAndGradientsMatchLightly() throws {
    let cases: [(file: String, arguments: [String], inputs: Int)] = [
      ("ntxent_t0.1", ["ntxent", f + "ntxent_t0.1.npz:input_0", f + "ntxent_t0.1.npz:input_1", "--temperature", "0.1"], 2),
      ("ntxent_bank", ["ntxent", f + "ntxent_bank.npz:input_0", f + "ntxent_bank.npz:input_1", "--bank", f + "ntxent_bank.npz:input_2", "--temperature", "0.2"], 3),
      ("negative_cosine", ["negative-cosine", f + "negative_cosine.npz:input_0", f + "negative_cosine.npz:input_1"], 2),
      ("vicreg", ["vicreg", f + "vicreg.npz:input_0", f + "vicreg.npz:input_1"], 2),
      ("barlowtwins", ["barlowtwins", f + "barlowtwins.npz:input_0", f + "barlowtwins.npz:input_1"], 2),
      ("swav", ["swav", f + "swav.npz:input_0", f + "swav.npz:input_1", "--low", f + "swav.npz:input_2", f + "swav.npz:input_3", f + "swav.npz:input_4"], 5),
      ("dino", ["dino", "--teacher", f + "dino.npz:input_0", f + "dino.npz:input_1", "--student"] + (2...5).map { f + "dino.npz:input_\($0)" } + ["--center", f + "dino.npz:center"], 6),
      ("qreg", ["qreg", f + "qreg.npz:input_0"], 1),
    ]
    for c in cases {
      let scratch = try ScratchDirectory()
      defer { scratch.remove() }
      let object = try CLI.json(["objective"] + c.arguments + ["--gradient-out", scratch.path])
      let value = try #require(object["value"] as? Double)
      let expected = try reference(c.file, "value")[0]
      #expect(abs(value - expected) <= 1e-10 * abs(expected), "\(c.file): \(value) vs \(expected)")
      #expect((object["inputs"] as? [Any])?.count == c.inputs, "\(c.file): inputs listed")
      for index in 0..<c.inputs {
        let written = try ArrayFile.open(scratch.file("grad_\(index).npy"))
        #expect(written.layout.dtype == "<f8")
        let want = try reference(c.file, "grad_\(index)")
        let scale = want.map(abs).max() ?? 1
        let error = zip(written.doubles(), want).map { abs($0 - $1) }.max() ?? 0
        #expect(error <= 1e-9 * scale, "\(c.file) grad_\(index)")
      }
      if c.file == "dino" {
        let centre = try ArrayFile.open(scratch.file("center.npy")).doubles()
        let want = try reference("dino", "updated_center")
        #expect(zip(centre, want).allSatisfy { abs($0 - $1) <= 1e-12 })
      }
    }
  }

  @Test(arguments: [
    // mismatched shapes
    ["vicreg", "fixtures/training/vicreg.npz:input_0", "fixtures/training/ntxent_t0.5.npz:input_1"],
    ["ntxent", "fixtures/training/ntxent_bank.npz:input_0", "fixtures/training/ntxent_bank.npz:input_1", "--bank", "fixtures/training/vicreg.npz:input_0"],
    ["ntxent", "fixtures/training/ntxent_t0.5.npz:input_0"],
    ["qreg", "fixtures/formats/labels_i8.npy"],
    // NaN / Inf rows under --strict (without it they are left out with a warning)
    ["ntxent", "fixtures/training/nan.npy", "fixtures/training/nan.npy", "--strict"],
    // bad parameters
    ["ntxent", "fixtures/training/ntxent_t0.5.npz:input_0", "fixtures/training/ntxent_t0.5.npz:input_1", "--temperature", "0"],
    ["vicreg", "fixtures/training/vicreg.npz:input_0", "fixtures/training/vicreg.npz:input_1", "--temperature", "0.3"],
    ["swav", "fixtures/training/swav.npz:input_0", "fixtures/training/swav.npz:input_1", "--sinkhorn-iterations", "0"],
    ["dino", "--teacher", "fixtures/training/dino.npz:input_0", "--student", "fixtures/training/dino.npz:input_1", "--center-momentum", "2"],
    ["qreg", "fixtures/training/qreg.npz:input_0", "--lambda1", "-1"],
  ])
  func badInputExitsTwoAndWritesNothing(arguments: [String]) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.file("gradients")
    let result = try CLI.run(["objective"] + arguments + ["--gradient-out", out])
    #expect(result.status == 2, "\(arguments): exit \(result.status) \(result.stderr)")
    #expect(!result.stderr.isEmpty && result.stdout.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: out), "\(arguments): wrote \(out)")
  }
}
