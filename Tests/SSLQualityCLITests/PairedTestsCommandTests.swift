// ssl-quality · PairedTestsCommandTests.swift — intervals and paired tests in compress, finetune and compare, against scipy.

import Foundation
import Testing
import TestSupport

@Suite("paired tests in compress, finetune and compare")
struct PairedTestsCommandTests {
  static var reference: [String: Any] { Fixtures.object("paired/expected.json") }
  let digits = ["--train", "fixtures/probe/digits_train.npy", "--train-labels", "fixtures/probe/digits_train_labels.npy",
                "--test", "fixtures/probe/digits_test.npy", "--test-labels", "fixtures/probe/digits_test_labels.npy"]

  func number(_ object: Any?, _ key: String) -> Double { ((object as? [String: Any])?[key] as? NSNumber)?.doubleValue ?? .nan }

  /// `interval` is the reference's `[lower, upper]` to 1e-9, at 95%, by `method`.
  func expectInterval(_ interval: Any?, equals expected: Any?, method: String, _ what: String) {
    let i = interval as? [String: Any]
    #expect(abs(number(i, "lower") - number(expected, "lower")) <= 1e-9, "\(what) lower")
    #expect(abs(number(i, "upper") - number(expected, "upper")) <= 1e-9, "\(what) upper")
    #expect(i?["confidence"] as? Double == 0.95 && i?["method"] as? String == method, "\(what) confidence and method")
  }

  /// A McNemar object equal to the reference case (counts, p, difference, interval).
  func expectMcNemar(_ test: Any?, equals expected: Any?, _ what: String) {
    let t = test as? [String: Any]
    #expect(t?["first_only"] as? Int == Int(number(expected, "b")) && t?["second_only"] as? Int == Int(number(expected, "c")), "\(what) counts")
    #expect(t?["samples"] as? Int == Int(number(expected, "n")), "\(what) samples")
    #expect(abs(number(t, "p_value") - number(expected, "p_value")) <= 1e-9, "\(what) p")
    #expect(abs(number(t, "difference") - number(expected, "difference")) <= 1e-9, "\(what) difference")
    expectInterval(t?["interval"], equals: expected, method: "paired_wald", what)
  }

  @Test("compress: Wilson intervals, McNemar against all features and against each random seed equal scipy; both verdicts in words")
  func compress() throws {
    let reference = try #require(Self.reference["compress_digits"] as? [String: Any])
    let arguments = ["compress"] + digits + (reference["arguments"] as? [String] ?? [])
    let object = try CLI.json(arguments)
    let wilson = try #require(reference["wilson"] as? [Any]), mcnemar = try #require(reference["mcnemar"] as? [Any])
    #expect(object["test_samples"] as? Int == 597)
    expectInterval(object["full_accuracy_interval"], equals: wilson[0], method: "wilson", "full accuracy")
    let curve = try #require(object["curve"] as? [[String: Any]])
    let full = try #require(object["full_accuracy"] as? Double)
    expectInterval(curve[0]["discriminative_interval"], equals: wilson[1], method: "wilson", "fraction 0.7")
    expectMcNemar(curve[0]["discriminative_vs_full"], equals: mcnemar[0], "kept vs all")
    expectMcNemar(curve[1]["discriminative_vs_full"], equals: mcnemar[4], "all vs all")
    // The counts are the accuracies' own: (b − c)/n is the kept accuracy minus the full one, k/n the accuracy.
    let kept = try #require(curve[0]["discriminative"] as? Double)
    #expect(abs(number(curve[0]["discriminative_vs_full"], "difference") - (kept - full)) <= 1e-12)
    #expect(abs(number(wilson[0], "successes") / 597 - full) <= 1e-12 && abs(number(wilson[1], "successes") / 597 - kept) <= 1e-12)
    let verdict = try #require(object["verdict"] as? [String: Any])
    let againstRandom = try #require(verdict["against_random"] as? [Any])
    #expect(againstRandom.count == 3)
    for seed in 0..<3 { expectMcNemar(againstRandom[seed], equals: mcnemar[seed + 1], "against random seed \(seed)") }
    expectMcNemar(verdict["against_full"], equals: mcnemar[0], "verdict against all")
    // 10 standard deviations of three seeds' spread, yet within the test sampling error against two of the seeds.
    #expect(verdict["outcome"] as? String == "above_random" && verdict["sampling_outcome"] as? String == "within_sampling_error")
    let text = try CLI.run(arguments).stdout
    #expect(text.contains("full representation: accuracy 98.16% (95% CI 96.73%–98.97%, Wilson) on 597 test samples"))
    #expect(text.contains("against all features: -0.84 points (95% CI -1.82 to +0.15, McNemar p = 0.180): within the test sampling error"))
    #expect(text.contains("+1.62 points (random 95.70% ± 0.16% over 3 seeds): 10.3 std above the random rankings"))
    #expect(text.contains(
      "against the test sampling error: McNemar against each random seed on the same test samples: +1.51 (p = 0.064), +1.84 (p = 0.027), +1.51 (p = 0.108) points; within the test sampling error"))
  }

  @Test("compress --keep: both accuracies with Wilson intervals, the kept features against all of them by McNemar")
  func keep() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let object = try CLI.json(["compress"] + digits + ["--keep", "0.25", "--out", scratch.file("kept")])
    let keep = try #require(object["keep"] as? [String: Any])
    #expect((keep["accuracy_interval"] as? [String: Any])?["method"] as? String == "wilson")
    #expect((object["full_accuracy_interval"] as? [String: Any])?["method"] as? String == "wilson")
    let test = try #require(keep["against_full"] as? [String: Any])
    let difference = try #require(keep["accuracy"] as? Double) - (try #require(object["full_accuracy"] as? Double))
    #expect(abs(number(test, "difference") - difference) <= 1e-12 && test["samples"] as? Int == 597)
    #expect(test["direction"] as? String == "second_better", "16 of 64 features lose accuracy beyond the sampling error")
    let text = try CLI.run(["compress"] + digits + ["--keep", "0.25", "--out", scratch.file("kept2")]).stdout
    #expect(text.contains("against all features: ") && text.contains("a loss larger than the test sampling error"))
  }

  @Test("finetune: Wilson intervals on each evaluation and a verdict of the run with R against the control")
  func finetune() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let arguments = [
      "finetune", "--views", "fixtures/finetune/view0.npy", "fixtures/finetune/view1.npy", "--train", "fixtures/finetune/train.npy",
      "--train-labels", "fixtures/finetune/train_labels.npy", "--test", "fixtures/finetune/test.npy", "--test-labels",
      "fixtures/finetune/test_labels.npy", "--epochs", "1", "--batch-size", "64", "--control",
    ]
    let object = try CLI.json(arguments + ["--out", scratch.file("a")])
    let runs = try #require(object["runs"] as? [[String: Any]])
    let verdicts = try #require(object["verdicts"] as? [[String: Any]])
    #expect(verdicts.count == 1 && verdicts[0]["run"] as? String == "with_r" && verdicts[0]["reference"] as? String == "without_r")
    let control = try #require(runs[0]["evaluation"] as? [String: Any]), withR = try #require(runs[1]["evaluation"] as? [String: Any])
    let test = try #require(verdicts[0]["probe_accuracy"] as? [String: Any])
    #expect(abs(number(test, "difference") - (number(withR, "probe_accuracy") - number(control, "probe_accuracy"))) <= 1e-12)
    #expect(verdicts[0]["reference_empty_share"] as? Double == control["empty_share"] as? Double)
    #expect(verdicts[0]["empty_share"] as? Double == withR["empty_share"] as? Double)
    for evaluation in [control, withR, try #require(object["before"] as? [String: Any])] {
      // 96 of 96 right: the Wilson interval [0.96152…, 1] (fixtures/make_paired_reference.py's formula at k = n).
      let k = Int((number(evaluation, "probe_accuracy") * 96).rounded())
      #expect(k == 96)
      let i = evaluation["probe_accuracy_interval"] as? [String: Any]
      #expect(abs(number(i, "lower") - 0.9615244121423243) <= 1e-9 && i?["upper"] as? Double == 1 && i?["method"] as? String == "wilson")
    }
    let text = try CLI.run(arguments + ["--out", scratch.file("b")]).stdout
    #expect(text.contains("with R against the control: +0.00 points probe accuracy (95% CI +0.00 to +0.00, McNemar p = 1.000), no clear difference at 5%; empty share 100.00% → 100.00%"))
  }

  @Test("compare: intervals on each accuracy and AUROC, each representation against the baseline by McNemar and paired DeLong")
  func compare() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    // A second representation of the same samples: the top quarter of the digits' features.
    _ = try CLI.json(["compress"] + digits + ["--keep", "0.25", "--out", scratch.file("kept")])
    let arguments = [
      "compare", "fixtures/probe/digits_test.npy", scratch.file("kept/test.npy"), "--names", "all,quarter", "--train",
      "fixtures/probe/digits_train.npy", scratch.file("kept/train.npy"), "--train-labels", "fixtures/probe/digits_train_labels.npy",
      "--test-labels", "fixtures/probe/digits_test_labels.npy", "--fractions", "1", "--epsilon", "1",
    ]
    let object = try CLI.json(arguments)
    let paired = try #require(object["paired_tests"] as? [String: Any])
    #expect(paired["baseline"] as? String == "all" && paired["samples"] as? Int == 597)
    let entries = try #require(paired["representations"] as? [[String: Any]])
    let rows = try #require(object["rows"] as? [[String: Any]])
    for (entry, row) in zip(entries, rows) {
      #expect(entry["probe_accuracy"] as? Double == row["probe_accuracy"] as? Double && entry["q_auroc"] as? Double == row["q_auroc"] as? Double)
      #expect((entry["probe_accuracy_interval"] as? [String: Any])?["method"] as? String == "wilson")
      #expect((entry["knn_accuracy_interval"] as? [String: Any])?["method"] as? String == "wilson")
    }
    #expect(entries[0]["probe_accuracy_vs_baseline"] is NSNull && entries[0]["q_auroc_vs_baseline"] is NSNull)
    let test = try #require(entries[1]["probe_accuracy_vs_baseline"] as? [String: Any])
    #expect(abs(number(test, "difference") - (number(rows[1], "probe_accuracy") - number(rows[0], "probe_accuracy"))) <= 1e-12)
    let auroc = try #require(entries[1]["q_auroc_vs_baseline"] as? [String: Any])
    #expect((auroc["interval"] as? [String: Any])?["method"] as? String == "paired_delong" && (auroc["samples"] as? Int ?? 0) <= 597)
    // The columns are unchanged by the paired part.
    #expect((object["columns"] as? [[String: Any]])?.contains { $0["key"] as? String == "probe_accuracy" } == true)
    let text = try CLI.run(arguments).stdout
    #expect(text.contains("paired tests against all on the same 597 test samples"))
    #expect(text.contains("    linear acc. vs all: ") && text.contains("    Q AUROC vs all on the "))
    // A named baseline, and a name that is no representation's.
    #expect((try CLI.json(arguments + ["--baseline", "quarter"])["paired_tests"] as? [String: Any])?["baseline"] as? String == "quarter")
    let bad = try CLI.run(arguments + ["--baseline", "none"])
    #expect(bad.status == 2 && bad.stderr.contains("--baseline: none names no representation"))
  }
}
