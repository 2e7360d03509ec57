// ssl-quality · SilentlyWrongTests.swift — inputs that used to give a wrong answer without a word.

import Foundation
import SSLQualityIO
import Testing
import TestSupport

@Suite("hostile inputs: silently wrong")
struct SilentlyWrongTests {
  static let cases: [HostileCase] = [
    HostileCase(
      name: "inspect of an .npz with a flipped byte: CRC-32 mismatch", arguments: ["inspect", "--stats", "$F/crc_flipped.npz"],
      message: "ssl-quality: $F/crc_flipped.npz:x: CRC-32 mismatch (stored 0xa6177cf1, computed 0xb5fc475a): the archive member is corrupt\n"),
    HostileCase(
      name: "score of it, with --scores-out: refused, nothing written",
      arguments: ["score", "$F/crc_flipped.npz", "--scores-out", "$S/q.npy"],
      message: "ssl-quality: $F/crc_flipped.npz:x: CRC-32 mismatch (stored 0xa6177cf1, computed 0xb5fc475a): the archive member is corrupt\n",
      absent: ["$S/q.npy"]),
    HostileCase(
      name: "features of it", arguments: ["features", "$F/crc_flipped.npz:x"],
      message: "ssl-quality: $F/crc_flipped.npz:x: CRC-32 mismatch (stored 0xa6177cf1, computed 0xb5fc475a): the archive member is corrupt\n"),
    HostileCase(
      name: "NaN/Inf train rows are left out with a warning naming file, count and rows",
      arguments: ["probe", "--train", "$F/small_nan.npy", "--train-labels", "$F/small_labels.npy", "--test", "$F/small.npy", "--test-labels", "$F/small_labels.npy", "--json"],
      status: 0, message: "ssl-quality: warning: $F/small_nan.npy: 4 rows hold NaN or Inf (first: 3, 7, 12, 30); they are left out\n"),
    HostileCase(
      name: "NaN/Inf test rows are refused with --strict",
      arguments: ["probe", "--train", "$F/small.npy", "--train-labels", "$F/small_labels.npy", "--test", "$F/small_nan.npy", "--test-labels", "$F/small_labels.npy", "--strict", "--predictions-out", "$S/p.npy"],
      message: "ssl-quality: $F/small_nan.npy: 4 rows hold NaN or Inf (first: 3, 7, 12, 30); --strict rejects them\n", absent: ["$S/p.npy"]),
    HostileCase(
      name: "features warns about the NaN/Inf rows it leaves out", arguments: ["features", "$F/small_nan.npy", "--json-out", "$S/f.json"],
      status: 0, message: "ssl-quality: warning: $F/small_nan.npy: 4 rows hold NaN or Inf (first: 3, 7, 12, 30); they are left out\n"),
    HostileCase(
      name: "features --strict refuses them and writes nothing", arguments: ["features", "$F/small_nan.npy", "--strict", "--json-out", "$S/f.json"],
      message: "ssl-quality: $F/small_nan.npy: 4 rows hold NaN or Inf (first: 3, 7, 12, 30); --strict rejects them\n", absent: ["$S/f.json"]),
    HostileCase(
      name: "a NaN probability in column 2 is refused",
      arguments: ["score", "$F/small.npy", "--labels", "$F/small_labels.npy", "--predictions", "$F/predictions.npy", "--probabilities", "$F/probabilities_nan_column2.npy"],
      message: "ssl-quality: $F/probabilities_nan_column2.npy: probability nan at row 5, column 2 is not a number in [0, 1]\n"),
    HostileCase(
      name: "a probability of 1.5 is refused",
      arguments: ["score", "$F/small.npy", "--labels", "$F/small_labels.npy", "--predictions", "$F/predictions.npy", "--probabilities", "$F/probabilities_above_one.npy"],
      message: "ssl-quality: $F/probabilities_above_one.npy: probability 1.5 at row 9, column 1 is not a number in [0, 1]\n"),
    HostileCase(
      name: "compress --C inf is refused", arguments: ["compress"] + trainTest + ["--C", "inf"],
      message: "ssl-quality: --C must be a finite number > 0, got inf\nsee 'ssl-quality compress --help'\n"),
    HostileCase(
      name: "compress --lr inf is refused", arguments: ["compress"] + trainTest + ["--lr", "inf"],
      message: "ssl-quality: --lr must be a finite number > 0, got inf\nsee 'ssl-quality compress --help'\n"),
    HostileCase(
      name: "probe --weight-decay inf is refused", arguments: ["probe"] + trainTest + ["--weight-decay", "inf"],
      message: "ssl-quality: --weight-decay must be a finite number ≥ 0, got inf\nsee 'ssl-quality probe --help'\n"),
  ]

  static let trainTest = ["--train", "$F/small.npy", "--train-labels", "$F/small_labels.npy", "--test", "$F/small.npy", "--test-labels", "$F/small_labels.npy"]

  @Test("refused instead of used", arguments: cases)
  func run(_ hostile: HostileCase) throws {
    try hostile.run()
  }

  @Test("a Fortran-order [N, H, W] heatmap stack scores the same as its C-order copy")
  func fortranHeatmaps() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let fortran = "fixtures/interpret/salient_sharp_heatmaps.npy"
    let array = try ArrayFile.open(Fixtures.root.path + "/" + fortran)
    #expect(array.layout.fortranOrder)
    let cOrder = scratch.file("c.npy")
    try NPYWriter.write(array.floats(), shape: array.layout.shape, to: cOrder)
    let common = [
      "--images", "fixtures/interpret/salient_sharp_images.txt", "--salient-imagenet", "fixtures/interpret/salient_sharp",
      "--mturk", "fixtures/interpret/mturk_sharp.csv",
    ]
    let a = try CLI.json(["interpret", "--heatmaps", fortran] + common)
    let b = try CLI.json(["interpret", "--heatmaps", cOrder] + common)
    for key in ["core_iou", "spurious_iou", "core_share", "spurious_share"] { #expect(a[key] as? Double == b[key] as? Double, "\(key)") }
  }

  @Test("NaN/Inf test rows are predicted -1, never class 0, and count in no accuracy")
  func nonFiniteTestRows() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let common = ["--train", "fixtures/hostile/small.npy", "--train-labels", "fixtures/hostile/small_labels.npy", "--test-labels", "fixtures/hostile/small_labels.npy"]
    let clean = try CLI.json(["probe", "--test", "fixtures/hostile/small.npy"] + common)
    let result = try CLI.run(["probe", "--test", "fixtures/hostile/small_nan.npy", "--predictions-out", scratch.file("p.npy"), "--json"] + common)
    #expect(result.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["test_samples"] as? Int == 36 && object["excluded_test_rows"] as? Int == 4)
    let predictions = try ArrayFile.open(scratch.file("p.npy")).labels()
    #expect([3, 7, 12, 30].allSatisfy { predictions[$0] == -1 })
    let cleanPredictions = try CLI.run(["probe", "--test", "fixtures/hostile/small.npy", "--predictions-out", scratch.file("c.npy")] + common)
    #expect(cleanPredictions.status == 0)
    let reference = try ArrayFile.open(scratch.file("c.npy")).labels()
    let truth = try ArrayFile.open(Fixtures.path("hostile/small_labels.npy")).labels()
    let kept = (0..<40).filter { ![3, 7, 12, 30].contains($0) }
    let accuracy = Double(kept.count { reference[$0] == truth[$0] }) / Double(kept.count)
    #expect(abs((object["accuracy"] as? Double ?? .nan) - accuracy) < 1e-12)
    #expect(clean["excluded_test_rows"] as? Int == 0)
  }

  @Test("an interlaced PNG decodes to the pixels it encodes")
  func interlaced() throws {
    let png = try CLI.json(["inspect", "--stats", "fixtures/hostile/interlaced.png"])
    let npy = try CLI.json(["inspect", "--stats", "fixtures/hostile/interlaced_pixels.npy"])
    func stats(_ object: [String: Any]) -> [String: Any] {
      ((object["files"] as? [[String: Any]])?.first?["stats"] as? [String: Any]) ?? [:]
    }
    let mean = try #require(stats(png)["mean"] as? Double), want = try #require(stats(npy)["mean"] as? Double)
    #expect(abs(mean - want / 255) < 1e-6)
    #expect(stats(png)["constant_columns"] as? Int == stats(npy)["constant_columns"] as? Int)
  }
}
