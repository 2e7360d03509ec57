// ssl-quality · JSONOutTests.swift — `--json-out F.json` on every command: JSON to a file, summary to the terminal.

import Foundation
import Testing
import TestSupport

@Suite("--json-out on every command")
struct JSONOutTests {
  static let commands: [(String, [String])] = [
    ("inspect", ["inspect", "--stats", "fixtures/demo/test_labels.npy"]),
    ("features", ["features", "fixtures/demo/train.npy"]),
    ("score", ["score", "fixtures/demo/test.npy", "--labels", "fixtures/demo/test_labels.npy", "--predictions", "fixtures/demo/test_predictions.npy"]),
    ("probe", ["probe", "--train", "fixtures/probe/digits_train.npy", "--train-labels", "fixtures/probe/digits_train_labels.npy",
               "--test", "fixtures/probe/digits_test.npy", "--test-labels", "fixtures/probe/digits_test_labels.npy"]),
    ("compress", ["compress", "--train", "fixtures/probe/digits_train.npy", "--train-labels", "fixtures/probe/digits_train_labels.npy",
                  "--test", "fixtures/probe/digits_test.npy", "--test-labels", "fixtures/probe/digits_test_labels.npy", "--fractions", "1.0", "--seeds", "1"]),
    ("spectrum", ["spectrum", "fixtures/demo/test.npy"]),
    ("objective", ["objective", "qreg", "fixtures/demo/test.npy"]),
    ("interpret", ["interpret", "--heatmaps", "fixtures/interpret/salient_heatmaps.npy", "--images", "fixtures/interpret/salient_images.txt",
                   "--salient-imagenet", "fixtures/interpret/salient", "--mturk", "fixtures/interpret/mturk.csv"]),
  ]

  @Test("the file holds the --json object (timings aside) while stdout keeps the summary", arguments: commands)
  func jsonOut(name: String, arguments: [String]) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let result = try CLI.run(arguments + ["--json-out", scratch.file("out.json")])
    #expect(result.status == 0, "\(name): \(result.stderr)")
    #expect(!result.stdout.hasPrefix("{"), "\(name): stdout should be the summary")
    var written = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.file("out.json")))) as? [String: Any])
    var printed = try CLI.json(arguments)
    written["seconds"] = nil
    printed["seconds"] = nil
    func canonical(_ object: [String: Any]) throws -> String {
      String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
    #expect(try canonical(written) == canonical(printed), "\(name)")
  }

  @Test("features --json-out writes the whole JSON") func featuresJSONOut() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    #expect(try CLI.run(["features", "fixtures/demo/train.npy", "--json-out", scratch.file("f.json")]).status == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.file("f.json"))).count > 1000)
  }

  /// `--out` names a folder only (finetune, compress --keep): the JSON goes to `--json-out`,
  /// report's page to `--html`.
  @Test("--out naming a JSON document or a page is refused, nothing written", arguments: [
    ["features", "fixtures/demo/train.npy"], ["spectrum", "fixtures/demo/train.npy"], ["calibrate", "fixtures/demo/train.npy"],
    ["compare", "fixtures/demo/train.npy", "fixtures/random/train.npy"], ["report", "fixtures/demo/train.npy", "--html", "$S/r.html"],
  ])
  func outNamesAFolderOnly(_ arguments: [String]) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let run = try CLI.run(arguments.map { $0.replacingOccurrences(of: "$S", with: scratch.path) } + ["--out", scratch.file("r.json")])
    #expect(run.status == 2, "\(arguments[0]): \(run.status)")
    #expect(run.stderr.contains("--out"), "\(run.stderr)")
    #expect(scratch.contents().isEmpty)
  }
}
