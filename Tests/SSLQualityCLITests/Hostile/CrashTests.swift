// ssl-quality · CrashTests.swift — inputs that used to trap (nil unwrap, Int overflow) now exit cleanly.

import Testing
import TestSupport

@Suite("hostile inputs: crash")
struct CrashTests {
  static let train = ["--train", "$F/small.npy", "--train-labels", "$F/small_labels.npy", "--test", "$F/small.npy", "--test-labels", "$F/small_labels.npy"]

  static let cases: [HostileCase] = [
    HostileCase(
      name: "inspect --stats of a (100, 0) array", arguments: ["inspect", "--stats", "$F/empty_columns.npy"], status: 0,
      message: ""),
    HostileCase(
      name: "a shape (0, 2^62, 2^62) whose product hides behind the zero",
      arguments: ["inspect", "--stats", "$F/overflow_with_zero.npy"],
      message: "ssl-quality: $F/overflow_with_zero.npy: shape (0, 4611686018427387904, 4611686018427387904) is too large to address\n"),
    HostileCase(
      name: "a shape (2^40, 2^40) whose byte count overflows", arguments: ["inspect", "$F/overflow.npy"],
      message: "ssl-quality: $F/overflow.npy: shape (1099511627776, 1099511627776) is too large to address\n"),
    HostileCase(
      name: "score of a matrix without columns", arguments: ["score", "$F/empty_columns.npy"],
      message: "ssl-quality: $F/empty_columns.npy: expected a non-empty 2-D array, found float32 shape (100, 0)\n"),
    HostileCase(
      name: "features of a matrix without rows", arguments: ["features", "$F/empty_rows_wide.npy"],
      message: "ssl-quality: $F/empty_rows_wide.npy: expected a non-empty 2-D array, found float32 shape (0, 268435456)\n"),
    HostileCase(
      name: "interpret with an empty heatmap stack",
      arguments: ["interpret", "--heatmaps", "$F/empty_heatmaps.npy", "--images", "$F/small_labels.npy", "--core-masks", "$F"],
      message: "ssl-quality: $F/empty_heatmaps.npy: expected heatmaps of shape [N, H, W], found float32 shape (0, 14, 14)\n"),
    HostileCase(
      name: "probe --method sgd with the largest 64-bit seed writes its predictions and reports the seed",
      arguments: ["probe", "--method", "sgd", "--seed", "18446744073709551615", "--epochs", "2", "--json"] + train
        + ["--predictions-out", "$S/p.npy"], status: 0, message: ""),
    HostileCase(
      name: "an interlaced PNG (decoded whole, rows handed out in order)", arguments: ["inspect", "--stats", "$F/interlaced.png"],
      status: 0, message: ""),
  ]

  @Test("exits cleanly", arguments: cases)
  func run(_ hostile: HostileCase) throws {
    try hostile.run()
  }
}
