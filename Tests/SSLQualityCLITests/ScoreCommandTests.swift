// ssl-quality · ScoreCommandTests.swift — `features` and `score` end to end.

import Foundation
import Testing
import TestSupport

@testable import SSLQualityIO

@Suite("features and score commands")
struct ScoreCommandTests {
  let demo = ["fixtures/demo/test.npy", "--labels", "fixtures/demo/test_labels.npy",
              "--predictions", "fixtures/demo/test_predictions.npy", "--probabilities", "fixtures/demo/test_probabilities.npy"]

  @Test("score --json has every documented key") func scoreSchema() throws {
    let object = try CLI.json(["score"] + demo + ["--resamples", "20"])
    for key in ["samples", "features", "epsilon", "band", "normalize", "discriminative_count", "empty_count", "q", "sanity", "misclassification"] {
      #expect(object[key] != nil, "missing \(key)")
    }
    #expect(object["samples"] as? Int == 2000 && object["features"] as? Int == 256 && object["band"] as? [Double] == [50, 95])
    let q = try #require(object["q"] as? [String: Any])
    #expect(Set(q.keys).isSuperset(of: ["mean", "std", "min", "median", "max"]))
    let sanity = try #require(object["sanity"] as? [String: Any])
    #expect(Set(sanity.keys).isSuperset(of: ["nan_rows", "zero_rows", "constant_columns", "negative_share"]))
    let mis = try #require(object["misclassification"] as? [String: Any])
    #expect(abs((mis["accuracy"] as? Double ?? 0) - 0.865) < 1e-12)
    let scores = try #require(mis["scores"] as? [String: [String: Any]])
    #expect(Set(scores.keys) == ["q", "msp", "l1", "max_z"])
    for metrics in scores.values {
      #expect(
        Set(metrics.keys) == [
          "auprc_correct", "auprc_correct_interval", "auprc_misclassified", "auprc_misclassified_interval", "auroc", "auroc_interval",
        ])
    }
  }

  @Test("--scores-out writes Q in input order, equal to the numpy reference") func scoresOut() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let result = try CLI.run(["score", "fixtures/demo/test.npy", "--epsilon", "2", "--scores-out", scratch.file("q.npy"), "--plot", scratch.file("q.svg")])
    #expect(result.status == 0)
    let q = try ArrayFile.open(scratch.file("q.npy")).floats()
    let all = try #require(try JSONSerialization.jsonObject(with: Fixtures.data("score/expected.json")) as? [String: [String: Any]])
    let reference = try #require(all["demo_test_eps2"])
    let want = (reference["q_none"] as? [String] ?? []).compactMap(Double.init)
    #expect(q.count == want.count)
    for (got, expected) in zip(q, want) { #expect(abs(Double(got) - expected) <= 1e-5 * max(1, abs(expected))) }
    let svg = try String(contentsOfFile: scratch.file("q.svg"), encoding: .utf8)
    #expect(svg.hasPrefix("<svg") && svg.contains("Q-Score"))
    let csv = try CLI.run(["score", "fixtures/demo/test.npy", "--scores-out", scratch.file("q.csv")])
    #expect(csv.status == 0)
    #expect(try String(contentsOfFile: scratch.file("q.csv"), encoding: .utf8).hasPrefix("index,q\n0,"))
  }

  @Test("features --json lists A_j and Dset; --json-out and --plot are written") func features() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let object = try CLI.json(["features", "fixtures/score/edge_rows.npy", "--json-out", scratch.file("f.json"), "--plot", scratch.file("f.svg")])
    for key in ["samples", "features", "epsilon", "band", "thresholds", "activation_frequency", "discriminative_features", "discriminative_count"] {
      #expect(object[key] != nil, "missing \(key)")
    }
    #expect((object["activation_frequency"] as? [Double])?.count == 64)
    #expect(object["discriminative_count"] as? Int == (object["discriminative_features"] as? [Int])?.count)
    #expect(scratch.contents() == ["f.json", "f.svg"])
  }

  @Test("NaN rows are excluded with a warning, or rejected with --strict") func nanRows() throws {
    let lenient = try CLI.run(["score", "fixtures/score/edge_rows.npy"])
    #expect(lenient.status == 0)
    #expect(lenient.stderr.hasPrefix("ssl-quality: warning: fixtures/score/edge_rows.npy: 2 rows hold NaN or Inf (first: 7, 9); they are left out\n"))
    let strict = try CLI.run(["score", "fixtures/score/edge_rows.npy", "--strict"])
    #expect(strict.status == 2)
    #expect(strict.stderr.hasSuffix("fixtures/score/edge_rows.npy: 2 rows hold NaN or Inf (first: 7, 9); --strict rejects them\n"))
  }

  @Test("bad inputs exit 2 with a clear message", arguments: [
    (["score", "fixtures/demo/test_labels.npy"], "fixtures/demo/test_labels.npy: expected a 2-D float array, found int64 shape (2000,)"),
    (["score", "fixtures/demo/test.npy", "--labels", "fixtures/formats/labels_i8.npy", "--predictions", "fixtures/demo/test_predictions.npy"],
     "fixtures/formats/labels_i8.npy: has 8 labels but fixtures/demo/test.npy has 2000 rows"),
    (["score", "fixtures/score/one_sample.npy", "--labels", "fixtures/score/one_label.npy", "--predictions", "fixtures/score/one_prediction_out_of_range.npy",
      "--probabilities", "fixtures/score/one_probability_row.npy"],
     "fixtures/score/one_prediction_out_of_range.npy: prediction 3 at index 0 is out of range for 2 classes in fixtures/score/one_probability_row.npy"),
    (["score", "fixtures/demo/test.npy", "--discriminative-from", "fixtures/score/ties.npy"], "fixtures/score/ties.npy: has 40 features but fixtures/demo/test.npy has 256"),
  ])
  func badInput(arguments: [String], message: String) throws {
    let result = try CLI.run(arguments)
    #expect(result.status == 2)
    #expect(result.stderr == "ssl-quality: \(message)\n")
    #expect(result.stdout.isEmpty)
  }

  @Test("bad flags exit 2") func badFlags() throws {
    for arguments in [["--band", "95:50"], ["--band", "x"], ["--epsilon", "-1"], ["--normalize", "l2"], ["--labels", "fixtures/demo/test_labels.npy"],
                      ["--scores-out", "q.txt"]] {
      #expect(try CLI.run(["score", "fixtures/demo/test.npy"] + arguments).status == 2, "\(arguments)")
    }
  }
}
