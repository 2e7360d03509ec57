// ssl-quality · ScoreComparisonTests.swift — the verdict on Q against the best label-free score, each wording.

import SSLQuality
import SSLQualityAnalysis
import Testing

@Suite struct ScoreComparisonTests {
  /// 400 samples, every third one a mistake; `signal` is high for correct predictions.
  static let correct = (0..<400).map { $0 % 3 != 0 }

  /// A score that separates correct from wrong by `strength` plus noise from `seed`.
  static func score(strength: Double, seed: UInt64) -> [Double] {
    var generator = SeededGenerator(seed: seed)
    return correct.map { (($0 ? strength : 0) + generator.normal()) }
  }

  /// Q, l1 and max_z separating correct from wrong by the given strengths (seeds 1, 2, 3).
  static func comparison(q: Double, l1: Double, maxZ: Double) -> ScoreComparison? {
    ScoreComparison(
      correct: correct, scores: [.q: score(strength: q, seed: 1), .l1: score(strength: l1, seed: 2), .maxZ: score(strength: maxZ, seed: 3)])
  }

  @Test func better() throws {
    let comparison = try #require(Self.comparison(q: 2, l1: 0.2, maxZ: 0.4))
    #expect(comparison.against == "max_z" && comparison.reading == .better && comparison.pValue < 0.05)
    #expect(comparison.text.hasPrefix("Q ranks mistakes better than max_z on this encoder (AUROC 0."))
    #expect(comparison.text.contains("paired DeLong p < 0.001)"))
  }

  @Test func worse() throws {
    let comparison = try #require(Self.comparison(q: 0, l1: 1.5, maxZ: 0.3))
    #expect(comparison.against == "l1" && comparison.reading == .worse && comparison.difference < 0)
    #expect(comparison.text.hasPrefix("Q ranks mistakes worse than l1 on this encoder (AUROC 0."))
  }

  @Test func noClearDifference() throws {
    let q = Self.score(strength: 0.5, seed: 1)
    // max_z: Q with a little noise, so the two AUROCs are close and correlated.
    var generator = SeededGenerator(seed: 9)
    let maxZ = q.map { $0 + 0.05 * generator.normal() }
    let comparison = try #require(ScoreComparison(correct: Self.correct, scores: [.q: q, .maxZ: maxZ]))
    #expect(comparison.reading == .noClearDifference && comparison.pValue >= 0.05)
    #expect(comparison.text.hasPrefix("Q and max_z rank mistakes with no clear difference at 5% on this encoder (AUROC 0."))
    #expect(comparison.differenceInterval.method == .pairedDelong && comparison.differenceInterval.interval.contains(comparison.difference))
  }

  @Test func undefinedWithOneClassOrWithoutACandidate() {
    #expect(ScoreComparison(correct: [true, true, true], scores: [.q: [1, 2, 3], .maxZ: [3, 2, 1]]) == nil)
    #expect(ScoreComparison(correct: [true, false, true], scores: [.q: [1, 2, 3], .msp: [3, 2, 1]]) == nil)
  }
}
