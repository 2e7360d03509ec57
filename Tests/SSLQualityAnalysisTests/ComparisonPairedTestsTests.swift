// ssl-quality · ComparisonPairedTestsTests.swift — compare's paired tests against numpy/scipy, and every verdict's words.

import Foundation
@testable import SSLQuality
import TestSupport
import Testing

@testable import SSLQualityAnalysis

@Suite struct ComparisonPairedTestsTests {
  static var reference: [String: Any] { Fixtures.object("paired/expected.json") }

  func double(_ object: Any?, _ key: String) -> Double { ((object as? [String: Any])?[key] as? NSNumber)?.doubleValue ?? .nan }

  static let noFeatures = DiscriminativeFeatures(frequencies: [0])

  /// A representation measured on the reference's samples.
  func measurement(correct: [Bool], q: [Double]) -> RepresentationEvaluation.Measurement {
    let evaluation = RepresentationEvaluation(
      probeAccuracy: ProbePredictions.accuracy(correct), knnAccuracy: nil, qAuroc: nil, qAuprcCorrect: nil,
      probeAccuracyInterval: .wilson(correct), knnAccuracyInterval: nil, qAurocInterval: nil, samples: correct.count, qMean: 0, emptyCount: 0,
      emptyShare: 0, discriminativeCount: 0, meanColumnL1: 0, dsetSource: DiscriminativeSource(rule: .analysed, path: "test", samples: correct.count))
    return .init(evaluation: evaluation, probeCorrect: correct, q: q, discriminative: Self.noFeatures)
  }

  @Test("McNemar and DeLong's paired test on the samples both probes judge alike equal scipy/numpy to 1e-9")
  func pairedTestsMatchTheReference() throws {
    let data = try #require(Self.reference["concordant"] as? [String: Any])
    let first = measurement(correct: try #require(data["first_correct"] as? [Bool]), q: try #require(data["first_q"] as? [Double]))
    let second = measurement(correct: try #require(data["second_correct"] as? [Bool]), q: try #require(data["second_q"] as? [Double]))
    // The second representation is the baseline; the first is tested against it.
    let tests = try #require(ComparisonPairedTests(names: ["a", "b"], measured: [first, second], baseline: 1))
    #expect(tests.baseline == "b" && tests.samples == 120)
    #expect(tests.representations[1].probeAccuracyVsBaseline == nil && tests.representations[1].qAurocVsBaseline == nil)
    let accuracy = try #require(tests.representations[0].probeAccuracyVsBaseline)
    let mcnemar = data["mcnemar"]
    #expect(accuracy.firstOnly == Int(double(mcnemar, "b")) && accuracy.secondOnly == Int(double(mcnemar, "c")))
    for (got, key) in [(accuracy.pValue, "p_value"), (accuracy.difference, "difference"), (accuracy.interval.lower, "lower"), (accuracy.interval.upper, "upper")] {
      #expect(abs(got - double(mcnemar, key)) <= 1e-9, "McNemar \(key)")
    }
    #expect(accuracy.interval.method == .pairedWald && accuracy.direction == .firstBetter)
    let auroc = try #require(tests.representations[0].qAurocVsBaseline)
    let delong = data["delong"]
    #expect(auroc.samples == Int(double(delong, "samples")) && auroc.positives == Int(double(delong, "positives")))
    let figures: [(Double, String)] = [
      (auroc.firstAuroc, "first_auroc"), (auroc.secondAuroc, "second_auroc"), (auroc.difference, "difference"),
      (auroc.interval.lower, "lower"), (auroc.interval.upper, "upper"), (auroc.z, "z"), (auroc.pValue, "p_value"),
    ]
    for (got, key) in figures { #expect(abs(got - double(delong, key)) <= 1e-9, "DeLong \(key)") }
    #expect(auroc.interval.method == .pairedDelong)
    let wilson = try #require(tests.representations[0].probeAccuracyInterval)
    #expect(abs(wilson.lower - double(data["first_wilson"], "lower")) <= 1e-9 && abs(wilson.upper - double(data["first_wilson"], "upper")) <= 1e-9)
    #expect(wilson.method == .wilson)
  }

  @Test("no paired tests when the baseline has no probe") func noLabels() {
    let unlabelled = RepresentationEvaluation.Measurement(evaluation: measurement(correct: [true], q: [0]).evaluation, probeCorrect: nil, q: [0], discriminative: Self.noFeatures)
    #expect(ComparisonPairedTests(names: ["a", "b"], measured: [unlabelled, unlabelled], baseline: 0) == nil)
  }

  // MARK: - Words

  /// A McNemar result with `b`, `c` discordant samples out of 1000.
  func test(_ b: Int, _ c: Int) throws -> McNemarJSON { McNemarJSON(try #require(McNemarTest(firstOnly: b, secondOnly: c, samples: 1000))) }

  @Test("each verdict's words follow the test: a difference only at p < 0.05, its sign naming gain or cost")
  func verdictWords() throws {
    let cost = try test(10, 66), gain = try test(66, 10), none = try test(12, 15)
    #expect(PairedText.points(cost) == "-5.60 points (95% CI -7.27 to -3.93, McNemar p < 0.001)")
    #expect(PairedText.keptAgainstFull(cost).hasSuffix(": a loss larger than the test sampling error"))
    #expect(PairedText.keptAgainstFull(gain).hasSuffix(": a gain larger than the test sampling error"))
    #expect(PairedText.keptAgainstFull(none).hasSuffix("McNemar p = 0.701): within the test sampling error (no clear difference at 5%)"))
    func finetune(_ accuracy: McNemarJSON?) -> String {
      PairedText.finetune(
        FinetuneVerdict(run: "with_r", reference: "without_r", probeAccuracy: accuracy, referenceEmptyShare: 0.226, emptyShare: 0.008),
        run: "with R", reference: "the control")
    }
    #expect(
      finetune(cost)
        == "with R against the control: -5.60 points probe accuracy (95% CI -7.27 to -3.93, McNemar p < 0.001), a cost beyond the test sampling error; empty share 22.60% → 0.80%")
    #expect(finetune(gain).contains("+5.60 points probe accuracy") && finetune(gain).contains(", a gain beyond the test sampling error;"))
    #expect(finetune(none).contains(", no clear difference at 5%;"))
    #expect(finetune(nil) == "with R against the control: probe accuracy not measured (no evaluation labels); empty share 22.60% → 0.80%")
    #expect(PairedText.comparisonAccuracy(cost, baseline: "simclr").hasSuffix(", less accurate than simclr beyond the test sampling error"))
    #expect(PairedText.comparisonAccuracy(gain, baseline: "simclr").hasSuffix(", more accurate than simclr beyond the test sampling error"))
    #expect(PairedText.comparisonAccuracy(none, baseline: "simclr").hasSuffix(", no clear difference at 5%"))
  }

  @Test("the paired AUROC's words") func aurocWords() throws {
    let positive = (0..<40).map { $0 % 2 == 0 }
    let signal = positive.enumerated().map { $0.element ? Double($0.offset) : Double($0.offset) / 4 }
    let noise = (0..<40).map { Double(($0 * 7) % 40) }
    let better = PairedDeLongJSON(try #require(PairedDeLongTest(first: signal, second: noise, positive: positive)))
    let worse = PairedDeLongJSON(try #require(PairedDeLongTest(first: noise, second: signal, positive: positive)))
    let same = PairedDeLongJSON(try #require(PairedDeLongTest(first: noise, second: noise, positive: positive)))
    #expect(better.pValue < 0.05 && PairedText.comparisonAuroc(better, baseline: "b").hasSuffix("), ranks mistakes better"))
    #expect(PairedText.comparisonAuroc(worse, baseline: "b").hasSuffix("), ranks mistakes worse"))
    #expect(PairedText.comparisonAuroc(same, baseline: "b").hasSuffix("paired DeLong p = 1.000), no clear difference at 5%"))
  }

  @Test("the compression verdict against the test sampling error, in words, for every outcome")
  func compressionSamplingWords() throws {
    func verdict(_ random: [[Bool]], discriminative: [Bool]) -> CompressResult.Verdict {
      let point = CompressionSweep.Point(
        fraction: 0.5, kept: 5, discriminative: ProbePredictions.accuracy(discriminative), randomMean: 0.5, randomStd: 0.01, variance: 0.5,
        discriminativeCorrect: discriminative, varianceCorrect: discriminative, randomCorrect: random)
      return CompressResult.Verdict(CompressionVerdict(point, seeds: random.count, fullCorrect: discriminative))
    }
    let high = (0..<100).map { $0 < 90 }, low = (0..<100).map { $0 < 50 }, near = (0..<100).map { $0 < 88 }
    #expect(PairedText.compressionSampling(verdict([low, low], discriminative: high)).hasSuffix("; above random at 5% against every seed"))
    #expect(PairedText.compressionSampling(verdict([high], discriminative: low)).hasSuffix("; below random at 5% against every seed"))
    let within = PairedText.compressionSampling(verdict([low, near], discriminative: high))
    #expect(within == "McNemar against each random seed on the same test samples: +40.00 (p < 0.001), +2.00 (p = 0.500) points; within the test sampling error (p ≥ 0.05, or the sign differs, for at least one seed)")
    #expect(PairedText.compressionSampling(verdict([], discriminative: high)).hasPrefix("no random ranking was fitted"))
  }
}
