// ssl-quality · AnalysisWarningTests.swift — where Dset came from, and every warning with its advice.

import Foundation
import Testing
import TestSupport

@testable import SSLQualityIO

@Suite("Dset source and warnings")
struct AnalysisWarningTests {
  let demo = ["fixtures/demo/test.npy", "--labels", "fixtures/demo/test_labels.npy",
              "--predictions", "fixtures/demo/test_predictions.npy", "--probabilities", "fixtures/demo/test_probabilities.npy"]
  let digits = ["--train", "fixtures/probe/digits_train.npy", "--train-labels", "fixtures/probe/digits_train_labels.npy",
                "--test", "fixtures/probe/digits_test.npy", "--test-labels", "fixtures/probe/digits_test_labels.npy"]

  func codes(_ object: [String: Any]) -> [String] {
    (object["warnings"] as? [[String: String]] ?? []).compactMap { $0["code"] }
  }

  @Test("dset_source follows one rule: --discriminative-from, else the train split, else the analysed matrix") func dsetSource() throws {
    func source(_ object: [String: Any]) -> (String?, String?, Int?) {
      let s = object["dset_source"] as? [String: Any]
      return (s?["rule"] as? String, s?["path"] as? String, s?["samples"] as? Int)
    }
    let own = try CLI.json(["score"] + demo)
    #expect(source(own) == ("analysed", "fixtures/demo/test.npy", 2000))
    let fromTrain = try CLI.json(["score", "fixtures/demo/test.npy", "--labels", "fixtures/demo/test_labels.npy",
                                  "--train", "fixtures/demo/train.npy", "--train-labels", "fixtures/demo/train_labels.npy"])
    #expect(source(fromTrain) == ("train", "fixtures/demo/train.npy", 5000))
    // Dset fitted on train is what features reports for train.
    let trainFeatures = try CLI.json(["features", "fixtures/demo/train.npy"])
    #expect(fromTrain["discriminative_count"] as? Int == trainFeatures["discriminative_count"] as? Int)
    #expect(source(trainFeatures) == ("analysed", "fixtures/demo/train.npy", 5000))
    let given = try CLI.json(["score"] + demo + ["--discriminative-from", "fixtures/demo/train.npy"])
    #expect(source(given) == ("discriminative_from", "fixtures/demo/train.npy", 5000))
    #expect(given["discriminative_count"] as? Int == trainFeatures["discriminative_count"] as? Int)
    let compress = try CLI.json(["compress"] + digits + ["--fractions", "1.0", "--seeds", "0"])
    #expect(source(compress) == ("train", "fixtures/probe/digits_train.npy", 1200))
    // The summary says it too.
    let text = try CLI.run(["score"] + demo).stdout
    #expect(text.contains("Dset fitted on fixtures/demo/test.npy (2000 samples; the analysed matrix itself)"))
  }

  @Test("most samples empty, and Q not predicting the probe, on the demo data at ε = 4") func demoWarnings() throws {
    let object = try CLI.json(["score"] + demo)
    #expect(codes(object) == ["most_samples_empty", "q_not_predictive"])
    let text = try CLI.run(["score"] + demo).stdout
    #expect(text.contains("warning: 1795 of 2000 samples (89.75%) have no highly-active discriminative feature"))
    #expect(text.contains("try a smaller --epsilon"))
    #expect(text.contains("warning: Q-Score barely predicts this probe's mistakes: AUPRC-correct 85.48% against a base rate of 86.50%"))
    // At ε = 2 more samples are scored; the emptiness warning goes away.
    let eps2 = try CLI.json(["score"] + demo + ["--epsilon", "2"])
    #expect(!codes(eps2).contains("most_samples_empty"))
  }

  @Test("a tiny Dset and all Q = 0 are flagged with a suggested action") func tinyAndAllZero() throws {
    // Raw digit pixels: no pixel exceeds μ + 4σ, so Dset is empty and every Q is 0.
    let object = try CLI.json(["score", "fixtures/probe/digits_test.npy"])
    #expect(object["discriminative_count"] as? Int == 0)
    #expect(codes(object) == ["tiny_dset", "all_q_zero"])
    let warnings = try #require(object["warnings"] as? [[String: String]])
    #expect(warnings.allSatisfy { !($0["message"] ?? "").isEmpty && !($0["suggestion"] ?? "").isEmpty })
    let text = try CLI.run(["score", "fixtures/probe/digits_test.npy"]).stdout
    #expect(text.contains("cannot beat chance"))
    #expect(codes(try CLI.json(["features", "fixtures/probe/digits_test.npy"])) == ["tiny_dset"])
  }

  @Test("a probe near chance is flagged") func probeNearChance() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    // Predicting class 0 for every sample: 10% accuracy, chance (most common label) 10.95%.
    try NPYWriter.write([Int](repeating: 0, count: 2000), to: scratch.file("zeros.npy"))
    let object = try CLI.json(["score", "fixtures/demo/test.npy", "--labels", "fixtures/demo/test_labels.npy", "--predictions", scratch.file("zeros.npy")])
    #expect(codes(object).contains("probe_near_chance"))
    #expect(!codes(try CLI.json(["score"] + demo)).contains("probe_near_chance"))
  }
}
