// ssl-quality · IntervalCommandTests.swift — the intervals and verdicts of `probe`, `score` and `spectrum`, against numpy/scipy.

import Foundation
import Testing
import TestSupport

/// The reference of `fixtures/make_score_intervals_reference.py`.
private func referenceValues() throws -> [String: Any] {
  try #require(try JSONSerialization.jsonObject(with: Fixtures.data("score/intervals_expected.json")) as? [String: Any])
}

/// A reference number (written with `repr`, as a string).
private func number(_ object: [String: Any]?, _ key: String) -> Double { Double(object?[key] as? String ?? "") ?? .nan }

@Suite("intervals and verdicts of probe, score and spectrum")
struct IntervalCommandTests {
  /// The README's step 4: the demo test split, Dset from the train split, the committed probe.
  let demo = ["score", "fixtures/demo/test.npy", "--labels", "fixtures/demo/test_labels.npy",
              "--predictions", "fixtures/demo/test_predictions.npy", "--probabilities", "fixtures/demo/test_probabilities.npy",
              "--discriminative-from", "fixtures/demo/train.npy"]

  /// Checks an interval object: the method, defined bounds around `estimate`, 95%.
  private func check(_ interval: [String: Any]?, method: String, contains estimate: Double) throws -> (lower: Double, upper: Double) {
    let interval = try #require(interval)
    #expect(interval["method"] as? String == method)
    #expect(interval["confidence"] as? Double == 0.95)
    let lower = try #require(interval["lower"] as? Double), upper = try #require(interval["upper"] as? Double)
    #expect(lower <= estimate && estimate <= upper, "\(estimate) outside [\(lower), \(upper)] (\(method))")
    return (lower, upper)
  }

  @Test("probe: the accuracy's Wilson interval equals the scipy reference") func probe() throws {
    let object = try CLI.json([
      "probe", "--train", "fixtures/probe/digits_train.npy", "--train-labels", "fixtures/probe/digits_train_labels.npy",
      "--test", "fixtures/probe/digits_test.npy", "--test-labels", "fixtures/probe/digits_test_labels.npy",
    ])
    let reference = try referenceValues()
    let accuracy = try #require(object["accuracy"] as? Double)
    let interval = try check(object["accuracy_interval"] as? [String: Any], method: "wilson", contains: accuracy)
    let k = Int((accuracy * 597).rounded())
    let want = try #require((reference["wilson_597"] as? [[String: Any]])?[k])
    #expect(abs(interval.lower - number(want, "lower")) < 1e-9 && abs(interval.upper - number(want, "upper")) < 1e-9)
  }

  @Test("score: Wilson, DeLong and the paired verdict equal the numpy/scipy reference") func score() throws {
    let reference = try referenceValues()
    let object = try CLI.json(demo + ["--resamples", "0"])
    #expect(object["discriminative_count"] as? Int == reference["dset"] as? Int)
    let mis = try #require(object["misclassification"] as? [String: Any])
    let accuracy = try check(mis["accuracy_interval"] as? [String: Any], method: "wilson", contains: try #require(mis["accuracy"] as? Double))
    let wantAccuracy = reference["accuracy"] as? [String: Any]
    #expect(abs(accuracy.lower - number(wantAccuracy, "lower")) < 1e-9 && abs(accuracy.upper - number(wantAccuracy, "upper")) < 1e-9)
    let scores = try #require(mis["scores"] as? [String: [String: Any]])
    let wantScores = try #require(reference["scores"] as? [String: [String: Any]])
    #expect(Set(scores.keys) == Set(wantScores.keys))
    for (name, metrics) in scores {
      let auroc = try #require(metrics["auroc"] as? Double)
      #expect(abs(auroc - number(wantScores[name], "auroc")) < 1e-9, "\(name)")
      let interval = try check(metrics["auroc_interval"] as? [String: Any], method: "delong", contains: auroc)
      #expect(abs(interval.lower - number(wantScores[name], "lower")) < 1e-9, "\(name)")
      #expect(abs(interval.upper - number(wantScores[name], "upper")) < 1e-9, "\(name)")
      // --resamples 0: no AUPRC intervals.
      #expect(metrics["auprc_correct_interval"] is NSNull && metrics["auprc_misclassified_interval"] is NSNull)
    }
    let comparison = try #require(mis["comparison"] as? [String: Any])
    let want = try #require(reference["comparison"] as? [String: Any])
    #expect(comparison["score"] as? String == "q" && comparison["against"] as? String == want["against"] as? String)
    #expect(comparison["reading"] as? String == want["reading"] as? String)
    for (key, wantKey) in [("difference", "difference"), ("z", "z"), ("p_value", "p")] {
      #expect(abs((comparison[key] as? Double ?? .nan) - number(want, wantKey)) < 1e-9, "\(key)")
    }
    let difference = try check(comparison["difference_interval"] as? [String: Any], method: "paired_delong", contains: number(want, "difference"))
    #expect(abs(difference.lower - number(want, "lower")) < 1e-9 && abs(difference.upper - number(want, "upper")) < 1e-9)
  }

  @Test("score: the text shows the intervals, their methods and the verdict") func scoreText() throws {
    let result = try CLI.run(demo + ["--resamples", "50"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("probe accuracy 86.50% (95% CI 84.93%–87.93%, Wilson)"), "\(result.stdout)")
    #expect(result.stdout.contains("48.95% (46.87–51.04)"), "\(result.stdout)")
    #expect(result.stdout.contains("95% intervals: AUPRC by stratified bootstrap (50 resamples, seed 0); AUROC by DeLong"), "\(result.stdout)")
    #expect(
      result.stdout.contains(
        "Q and max_z rank mistakes with no clear difference at 5% on this encoder (AUROC 0.490 vs 0.505, difference −0.015, 95% CI −0.049 to 0.018, paired DeLong p = 0.36)"),
      "\(result.stdout)")
  }

  @Test("score: the AUPRC bootstrap is seeded: same seed, same bits; another seed, other bounds") func scoreBootstrap() throws {
    let intervals = { (seed: String) throws -> [[String: Any]] in
      let mis = try #require(try CLI.json(self.demo + ["--resamples", "40", "--bootstrap-seed", seed])["misclassification"] as? [String: Any])
      let scores = try #require(mis["scores"] as? [String: [String: Any]])
      return try ["q", "msp", "l1", "max_z"].flatMap { name in
        let metrics = try #require(scores[name])
        return [
          try #require(metrics["auprc_correct_interval"] as? [String: Any]), try #require(metrics["auprc_misclassified_interval"] as? [String: Any]),
        ]
      }
    }
    let first = try intervals("7"), again = try intervals("7"), other = try intervals("8")
    for (a, b) in zip(first, again) { #expect(a["lower"] as? Double == b["lower"] as? Double && a["upper"] as? Double == b["upper"] as? Double) }
    #expect(zip(first, other).contains { $0["lower"] as? Double != $1["lower"] as? Double || $0["upper"] as? Double != $1["upper"] as? Double })
    for interval in first {
      #expect(interval["method"] as? String == "stratified_bootstrap" && interval["resamples"] as? Int == 40 && interval["seed"] as? Int == 7)
    }
  }

  @Test("score --lowest orders samples tied at Q = 0 by the lower max_z and says so") func lowest() throws {
    let object = try CLI.json(demo + ["--resamples", "0", "--lowest", "20"])
    let lowest = try #require(object["lowest"] as? [[String: Any]])
    #expect(lowest.count == 20)
    let q = lowest.compactMap { $0["q"] as? Double }, maxZ = lowest.compactMap { $0["max_z"] as? Double }
    #expect(q.allSatisfy { $0 == 0 } && maxZ.count == 20)
    #expect(zip(maxZ, maxZ.dropFirst()).allSatisfy { $0 <= $1 }, "\(maxZ)")
    #expect(object["lowest_order"] as? String == "q ascending; ties by max_z ascending, then row")
    let text = try CLI.run(demo + ["--resamples", "0", "--lowest", "3"])
    #expect(text.stdout.contains("lowest Q: 3 of 2000 samples (1800 tie at Q = 0); equal Q ordered by the lower max_z, then row"), "\(text.stdout)")
    #expect(text.stdout.contains("95% intervals: AUROC by DeLong; none for AUPRC (--resamples 0)"), "\(text.stdout)")
  }

  @Test("spectrum: RankMe's shares and reading; the row bootstrap is seeded") func spectrum() throws {
    let plain = try CLI.json(["spectrum", "fixtures/demo/test.npy"])
    let rankme = try #require(plain["rankme"] as? Double)
    #expect(abs((plain["rankme_share_of_features"] as? Double ?? 0) - rankme / 256) < 1e-15)
    #expect(abs((plain["rankme_share_of_max_rank"] as? Double ?? 0) - rankme / 256) < 1e-15)
    #expect((plain["rankme_reading"] as? String ?? "").hasPrefix("RankMe 53.4321 is 20.87% of D = 256"))
    #expect(plain["rankme_interval"] == nil && plain["alpha_interval"] == nil)
    let run = { (seed: String) throws -> [String: Any] in try CLI.json(["spectrum", "fixtures/demo/test.npy", "--bootstrap", "4", "--seed", seed]) }
    let first = try run("3"), again = try run("3"), other = try run("4")
    for key in ["rankme_interval", "rankme_centered_interval", "alpha_interval"] {
      let a = try #require(first[key] as? [String: Any]), b = try #require(again[key] as? [String: Any]), c = try #require(other[key] as? [String: Any])
      #expect(a["method"] as? String == "row_bootstrap" && a["resamples"] as? Int == 4 && a["seed"] as? Int == 3)
      #expect(a["lower"] as? Double == b["lower"] as? Double && a["upper"] as? Double == b["upper"] as? Double, "\(key)")
      #expect(a["lower"] as? Double != c["lower"] as? Double || a["upper"] as? Double != c["upper"] as? Double, "\(key)")
      #expect((a["lower"] as? Double ?? .nan) <= (a["upper"] as? Double ?? .nan))
    }
    // The point estimates do not change with the bootstrap.
    #expect(first["rankme"] as? Double == rankme && first["alpha"] as? Double == plain["alpha"] as? Double)
  }
}
