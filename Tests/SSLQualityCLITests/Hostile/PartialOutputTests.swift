// ssl-quality · PartialOutputTests.swift — a run that fails leaves none of its outputs behind.

import Testing
import TestSupport

@Suite("hostile inputs: partial output set")
struct PartialOutputTests {
  static let probe = ["probe", "--train", "$F/small.npy", "--test", "$F/small.npy", "--test-labels", "$F/small_labels.npy"]

  static let cases: [HostileCase] = [
    HostileCase(
      name: "probe with bad train labels writes no predictions or probabilities",
      arguments: probe + ["--train-labels", "$F/labels_fraction.npy", "--predictions-out", "$S/p.npy", "--probabilities-out", "$S/pr.npy"],
      message: "ssl-quality: $F/labels_fraction.npy: expected integer labels, found 0.5 at index 0\n", absent: ["$S/p.npy", "$S/pr.npy"]),
    HostileCase(
      name: "interpret with a corrupt mask writes no CSV or plot",
      arguments: [
        "interpret", "--heatmaps", "fixtures/interpret/plain/heatmaps", "--core-masks", "$S", "--csv", "$S/pairs.csv", "--plot",
        "$S/iou.svg",
      ],
      message: "ssl-quality: $S: no core mask for image img_a (expected img_a.png, .jpeg, .npy or img_a/)\n",
      absent: ["$S/pairs.csv", "$S/iou.svg"]),
  ]

  @Test("nothing written", arguments: cases)
  func run(_ hostile: HostileCase) throws {
    try hostile.run()
  }
}
