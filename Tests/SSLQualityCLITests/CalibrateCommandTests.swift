// ssl-quality · CalibrateCommandTests.swift — `calibrate` gives at each ε exactly what `score --epsilon ε` gives.

import Foundation
import Testing
import TestSupport

@Suite("calibrate command")
struct CalibrateCommandTests {
  static let probe = ["--labels", "fixtures/demo/test_labels.npy", "--predictions", "fixtures/demo/test_predictions.npy"]

  @Test("every row equals score --epsilon ε --json") func equalsScore() throws {
    let epsilons = [1, 1.5, 2, 2.5, 3, 3.5, 4]
    let calibration = try CLI.json(["calibrate", "fixtures/demo/test.npy", "--epsilons", "1,1.5,2,2.5,3,3.5,4"] + Self.probe)
    let rows = try #require(calibration["rows"] as? [[String: Any]])
    #expect(rows.count == 7 && calibration["recommended_epsilon"] as? Double == 2.5 && calibration["label_optimal_epsilon"] as? Double != nil)
    for (epsilon, row) in zip(epsilons, rows) {
      let score = try CLI.json(["score", "fixtures/demo/test.npy", "--epsilon", "\(epsilon)", "--resamples", "0"] + Self.probe)
      #expect(row["epsilon"] as? Double == epsilon)
      for key in ["discriminative_count", "empty_count"] { #expect(row[key] as? Int == score[key] as? Int, "ε \(epsilon) \(key)") }
      #expect(row["thresholds"] as? [Double] == score["thresholds"] as? [Double], "ε \(epsilon) thresholds")
      #expect(row["q"] as? [String: Double] == score["q"] as? [String: Double], "ε \(epsilon) q")
      let mine = (row["misclassification"] as? [String: Any])?["scores"] as? [String: [String: Double]]
      // score also writes each value's interval; calibrate writes the values.
      let theirs = ((score["misclassification"] as? [String: Any])?["scores"] as? [String: [String: Any]])?["q"]?.compactMapValues { $0 as? Double }
      #expect(mine?["q"] != nil && mine?["q"] == theirs, "ε \(epsilon) AUPRC/AUROC")
    }
  }

  @Test("CSV, figure, and bad input") func outputs() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let run = try CLI.run(["calibrate", "fixtures/demo/test.npy", "--csv", scratch.file("c.csv"), "--plot", scratch.file("c.svg")])
    #expect(run.status == 0 && run.stdout.contains("recommended ε: 2.5"))
    #expect(try String(contentsOfFile: scratch.file("c.csv"), encoding: .utf8).split(separator: "\n").count == 8)
    #expect(try String(contentsOfFile: scratch.file("c.svg"), encoding: .utf8).contains("<polyline"))
    let bad = try CLI.run(["calibrate", "fixtures/demo/test.npy", "--labels", "fixtures/demo/train_labels.npy", "--predictions",
      "fixtures/demo/test_predictions.npy", "--json-out", scratch.file("r.json")])
    #expect(bad.status == 2 && bad.stderr.contains("train_labels.npy") && !FileManager.default.fileExists(atPath: scratch.file("r.json")))
    #expect(try CLI.run(["calibrate", "fixtures/demo/test.npy", "--epsilons", "1,x"]).status == 2)
  }

  @Test("a bad second output path: exit 2 before any work, no first output") func allOrNothing() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let run = try CLI.run(["calibrate", "fixtures/demo/test.npy", "--csv", scratch.file("c.csv"), "--plot", scratch.file("missing/c.svg")])
    #expect(run.status == 2 && run.stderr.contains("c.svg") && !FileManager.default.fileExists(atPath: scratch.file("c.csv")))
  }
}
