// ssl-quality · CompressionVerdictTests.swift — the gap over random judged against the random spread.

import Testing

@testable import SSLQuality

@Suite("Compression verdict")
struct CompressionVerdictTests {
  func point(_ discriminative: Double, _ mean: Double, _ std: Double) -> CompressionSweep.Point {
    CompressionSweep.Point(fraction: 0.5, kept: 10, discriminative: discriminative, randomMean: mean, randomStd: std, variance: 0)
  }

  @Test func judgesTheGapAgainstTwoRandomStandardDeviations() {
    #expect(CompressionVerdict(point(0.80, 0.78, 0.005), seeds: 3).outcome == .aboveRandom)
    #expect(CompressionVerdict(point(0.80, 0.79, 0.006), seeds: 3).outcome == .withinRandomSpread)
    #expect(CompressionVerdict(point(0.70, 0.79, 0.006), seeds: 3).outcome == .belowRandom)
    #expect(CompressionVerdict(point(0.80, 0.70, 0), seeds: 1).outcome == .noRandomSpread)
    let v = CompressionVerdict(point(0.80, 0.79, 0.004), seeds: 3)
    #expect(abs(v.gap - 0.01) < 1e-12 && abs((v.standardDeviations ?? 0) - 2.5) < 1e-9)
  }
}
