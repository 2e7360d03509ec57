// ssl-quality · CompressionVerdictTests.swift — the gap over random judged against the random spread and the test sampling error.

import Testing

@testable import SSLQuality

@Suite("Compression verdict")
struct CompressionVerdictTests {
  func point(_ discriminative: Double, _ mean: Double, _ std: Double, random: [[Bool]] = [], correct: [Bool] = []) -> CompressionSweep.Point {
    CompressionSweep.Point(
      fraction: 0.5, kept: 10, discriminative: discriminative, randomMean: mean, randomStd: std, variance: 0, discriminativeCorrect: correct,
      varianceCorrect: correct, randomCorrect: random)
  }

  @Test func judgesTheGapAgainstTwoRandomStandardDeviations() {
    #expect(CompressionVerdict(point(0.80, 0.78, 0.005), seeds: 3, fullCorrect: []).outcome == .aboveRandom)
    #expect(CompressionVerdict(point(0.80, 0.79, 0.006), seeds: 3, fullCorrect: []).outcome == .withinRandomSpread)
    #expect(CompressionVerdict(point(0.70, 0.79, 0.006), seeds: 3, fullCorrect: []).outcome == .belowRandom)
    #expect(CompressionVerdict(point(0.80, 0.70, 0), seeds: 1, fullCorrect: []).outcome == .noRandomSpread)
    let v = CompressionVerdict(point(0.80, 0.79, 0.004), seeds: 3, fullCorrect: [])
    #expect(abs(v.gap - 0.01) < 1e-12 && abs((v.standardDeviations ?? 0) - 2.5) < 1e-9)
    #expect(v.samplingOutcome == .noRandomRankings && v.againstFull == nil)
  }

  /// `n` samples, the first `right` of them correct.
  func correct(_ right: Int, of n: Int) -> [Bool] { (0..<n).map { $0 < right } }

  @Test func judgesTheGapAgainstTheTestSamplingErrorOfEverySeed() {
    // Discriminative right on the first 80 of 100; random seeds right on the first 60 (b = 20, c = 0: p ≈ 1.9e-6).
    let clear = CompressionVerdict(point(0.8, 0.6, 0, random: [correct(60, of: 100), correct(60, of: 100)], correct: correct(80, of: 100)), seeds: 2, fullCorrect: correct(81, of: 100))
    #expect(clear.samplingOutcome == .aboveRandom && clear.againstRandom.count == 2)
    #expect(clear.againstRandom[0].firstOnly == 20 && clear.againstRandom[0].secondOnly == 0)
    // Against all features: 0 vs 1 discordant samples, no clear loss.
    #expect(clear.againstFull?.direction() == .noClearDifference && clear.againstFull?.secondOnly == 1)
    // One seed within the sampling error (78 right: b = 2): the verdict is not "above".
    let mixed = CompressionVerdict(point(0.8, 0.69, 0.09, random: [correct(60, of: 100), correct(78, of: 100)], correct: correct(80, of: 100)), seeds: 2, fullCorrect: correct(80, of: 100))
    #expect(mixed.samplingOutcome == .withinSamplingError)
    let below = CompressionVerdict(point(0.5, 0.9, 0, random: [correct(90, of: 100)], correct: correct(50, of: 100)), seeds: 1, fullCorrect: correct(90, of: 100))
    #expect(below.samplingOutcome == .belowRandom && below.outcome == .noRandomSpread && below.againstFull?.direction() == .secondBetter)
  }
}
