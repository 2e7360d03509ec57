// ssl-quality · GoldenSchemaTests.swift — every command's JSON document keeps its shape: key paths, order, types.

import Foundation
import Testing
import TestSupport

/// Each command with a JSON document is run with `--json` on small committed fixtures, and
/// the document's schema (``JSONSchemaLines``: every key path in order with its JSON type,
/// values masked) is compared with `Golden/<command>.schema.txt`. A change to a document's
/// keys, their order or a value's type fails here; when it is meant, regenerate the goldens
/// with `SSLQ_UPDATE_GOLDEN=1 swift test --filter GoldenSchemaTests` and commit them.
@Suite("golden JSON schemas")
struct GoldenSchemaTests {
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
  static let updating = ProcessInfo.processInfo.environment["SSLQ_UPDATE_GOLDEN"] == "1"

  static let h = "fixtures/hostile/", f = "fixtures/finetune/", t = "fixtures/training/", i = "fixtures/interpret/"
  static let splits = ["--train", f + "train.npy", "--train-labels", f + "train_labels.npy", "--test", f + "test.npy", "--test-labels", f + "test_labels.npy"]

  /// One run per command, each reaching the document's optional parts (labels, views,
  /// statistics) where a small fixture allows; `$S` is a scratch folder.
  static let commands: [(name: String, arguments: [String])] = [
    ("inspect", ["inspect", h + "small.npy", h + "small_labels.npy", "--stats"]),
    ("features", ["features", h + "small.npy", "--epsilon", "1"]),
    ("score", ["score", h + "small.npy", "--epsilon", "1", "--labels", h + "small_labels.npy", "--predictions", h + "predictions.npy", "--lowest", "3"]),
    ("probe", ["probe"] + splits),
    ("compress", ["compress"] + splits + ["--fractions", "0.5,1", "--seeds", "1"]),
    ("interpret", [
      "interpret", "--heatmaps", i + "salient_heatmaps.npy", "--images", i + "salient_images.txt", "--salient-imagenet", i + "salient",
      "--mturk", i + "mturk.csv", "--predictions", i + "salient_predictions.npy", "--labels", i + "salient_labels.npy",
    ]),
    ("spectrum", ["spectrum", f + "train.npy", "--views", f + "view0.npy", f + "view1.npy"]),
    ("calibrate", ["calibrate", h + "small.npy", "--epsilons", "0.5,1", "--labels", h + "small_labels.npy", "--predictions", h + "predictions.npy"]),
    ("compare", [
      "compare", f + "view0.npy", f + "view1.npy", "--names", "a,b", "--train", f + "train.npy", f + "train.npy", "--train-labels",
      f + "train_labels.npy", "--test-labels", f + "train_labels.npy", "--fractions", "0.5,1",
    ]),
    ("objective", ["objective", "vicreg", t + "vicreg.npz:input_0", t + "vicreg.npz:input_1"]),
    // finetune's document is about to become one line through ResultJSON (null for
    // non-finite numbers): regenerate this golden when that lands.
    ("finetune", ["finetune", "--views", f + "view0.npy", f + "view1.npy"] + splits + ["--epochs", "1", "--batch-size", "64", "--out", "$S/run"]),
  ]

  @Test("the JSON document's key paths, in order, with their types", arguments: commands.map(\.name))
  func schema(_ name: String) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let arguments = try #require(Self.commands.first { $0.name == name }).arguments.map { $0.replacingOccurrences(of: "$S", with: scratch.path) }
    let run = try CLI.run(arguments + ["--json"])
    try #require(run.status == 0, "\(name): exit \(run.status): \(run.stderr)")
    let lines = try #require(JSONSchemaLines.of(run.stdout), "\(name) --json printed no single JSON value")
    let file = Self.golden.appendingPathComponent("\(name).schema.txt")
    let text = lines.joined(separator: "\n") + "\n"
    if Self.updating {
      try text.write(to: file, atomically: true, encoding: .utf8)
      return
    }
    let expected = try? String(contentsOf: file, encoding: .utf8)
    #expect(
      expected == text,
      """
      \(name)'s JSON document changed shape (keys, their order or a type). If that is meant, regenerate \
      Tests/SSLQualityCLITests/Golden/*.schema.txt with SSLQ_UPDATE_GOLDEN=1 swift test --filter GoldenSchemaTests \
      and commit them. Now:
      \(text)
      """)
  }

  /// `report` writes one HTML page (`--html`) and `adapt` one `.npy` of adapted rows: no
  /// JSON document, so no `--json` to take.
  @Test("report and adapt have no JSON document", arguments: [
    ["report", "fixtures/hostile/small.npy", "--html", "$S/r.html"],
    ["adapt", "fixtures/finetune/adapter.safetensors", "fixtures/finetune/train.npy", "--embeddings-out", "$S/a.npy"],
  ])
  func noDocument(_ arguments: [String]) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let run = try CLI.run(arguments.map { $0.replacingOccurrences(of: "$S", with: scratch.path) } + ["--json"])
    #expect(run.status == 2 && run.stderr.contains("--json"), "\(arguments[0]): exit \(run.status): \(run.stderr)")
    #expect(scratch.contents().isEmpty)
  }
}
