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
    HostileCase(
      name: "score --scores-out with --plot into a missing directory writes neither",
      arguments: ["score", "$F/small.npy", "--scores-out", "$S/q.npy", "--plot", "$S/missing/q.svg"],
      message: "ssl-quality: $S/missing/q.svg: cannot write --plot: the directory $S/missing does not exist\n", absent: ["$S/q.npy"]),
    HostileCase(
      name: "features --json-out with --plot into a missing directory writes neither",
      arguments: ["features", "$F/small.npy", "--json-out", "$S/f.json", "--plot", "$S/missing/f.svg"],
      message: "ssl-quality: $S/missing/f.svg: cannot write --plot: the directory $S/missing does not exist\n", absent: ["$S/f.json"]),
    HostileCase(
      name: "probe --predictions-out with --probabilities-out into a missing directory writes neither",
      arguments: probe + ["--train-labels", "$F/small_labels.npy", "--predictions-out", "$S/p.npy", "--probabilities-out", "$S/missing/pr.npy"],
      message: "ssl-quality: $S/missing/pr.npy: cannot write --probabilities-out: the directory $S/missing does not exist\n",
      absent: ["$S/p.npy"]),
    HostileCase(
      name: "interpret --csv with --plot into a missing directory writes neither",
      arguments: [
        "interpret", "--heatmaps", "fixtures/interpret/plain/heatmaps", "--core-masks", "fixtures/interpret/plain/core", "--csv",
        "$S/pairs.csv", "--plot", "$S/missing/iou.svg",
      ],
      message: "ssl-quality: $S/missing/iou.svg: cannot write --plot: the directory $S/missing does not exist\n", absent: ["$S/pairs.csv"]),
    HostileCase(
      name: "two flags naming one file", arguments: ["score", "$F/small.npy", "--scores-out", "$S/x.csv", "--plot", "$S/x.csv"],
      message: "ssl-quality: $S/x.csv: given to both --scores-out and --plot; each output needs its own file\n", absent: ["$S/x.csv"]),
  ]

  @Test("nothing written", arguments: cases)
  func run(_ hostile: HostileCase) throws {
    try hostile.run()
  }
}
