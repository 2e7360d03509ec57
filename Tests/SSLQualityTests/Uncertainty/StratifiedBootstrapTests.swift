// ssl-quality · StratifiedBootstrapTests.swift — seeded stratified bootstrap: reproducibility, percentiles, coverage.

import Testing

@testable import SSLQuality

@Suite("Uncertainty: stratified bootstrap")
struct StratifiedBootstrapTests {
  /// 300 samples, a third positive, scores shifted up for positives (seeded).
  static let synthetic: (scores: [Double], positive: [Bool]) = {
    var generator = SeededGenerator(seed: 11)
    let positive = (0..<300).map { $0 % 3 == 0 }
    return (positive.map { ($0 ? 1 : 0) + generator.normal() }, positive)
  }()

  @Test("the same seed gives the same bits; another seed another interval")
  func reproducible() throws {
    let (scores, positive) = Self.synthetic
    let a = try #require(StratifiedBootstrap(resamples: 200, seed: 42).averagePrecision(scores: scores, positive: positive))
    let b = try #require(StratifiedBootstrap(resamples: 200, seed: 42).averagePrecision(scores: scores, positive: positive))
    let c = try #require(StratifiedBootstrap(resamples: 200, seed: 43).averagePrecision(scores: scores, positive: positive))
    #expect(a.replicates.map(\.bitPattern) == b.replicates.map(\.bitPattern))
    #expect(a.interval.lower.bitPattern == b.interval.lower.bitPattern && a.interval.upper.bitPattern == b.interval.upper.bitPattern)
    #expect(a.replicates != c.replicates)
    #expect(a.interval != c.interval)
  }

  @Test("the AP bootstrap counts draws instead of sorting them, with the same bits as the generic one")
  func averagePrecisionMatchesTheGenericBootstrap() throws {
    var generator = SeededGenerator(seed: 5)
    // Heavy ties (one decimal) and a -0.0 among the zeros.
    let scores = (0..<300).map { i in i == 7 ? -0.0 : (generator.normal() * 10).rounded() / 10 * (i % 5 == 0 ? 0 : 1) }
    let positive = (0..<300).map { _ in generator.unit() < 0.7 }
    let bootstrap = StratifiedBootstrap(resamples: 300, seed: 9)
    let fast = try #require(bootstrap.averagePrecision(scores: scores, positive: positive))
    let generic = try #require(bootstrap.interval(scores: scores, positive: positive) { BinaryRanking(scores: $0, positive: $1).averagePrecision })
    #expect(fast.replicates == generic.replicates && fast.interval == generic.interval && fast.estimate == generic.estimate)
  }

  @Test("the percentile step matches numpy.percentile on the same statistics")
  func percentileMatchesNumpy() throws {
    let cases = UncertaintyReference.list("percentile")
    #expect(cases.count >= 5)
    for entry in cases {
      let values = UncertaintyReference.numbers(entry["values"])
      let interval = StratifiedBootstrap.percentileInterval(values.reversed(), confidence: UncertaintyReference.number(entry["confidence"]))
      #expect(approximatelyEqual(interval.lower, UncertaintyReference.number(entry["lower"])), "\(values.count) lower \(interval.lower)")
      #expect(approximatelyEqual(interval.upper, UncertaintyReference.number(entry["upper"])), "\(values.count) upper \(interval.upper)")
    }
    #expect(StratifiedBootstrap.percentileInterval([0.2, .nan, 0.4], confidence: 0.95).lower.isNaN)
  }

  @Test("the AP interval contains the full-sample AP and the replicates keep the classes")
  func coverage() throws {
    let (scores, positive) = Self.synthetic
    let outcome = try #require(StratifiedBootstrap(resamples: 500, seed: 1).averagePrecision(scores: scores, positive: positive))
    #expect(outcome.estimate == BinaryRanking(scores: scores, positive: positive).averagePrecision)
    #expect(outcome.interval.contains(outcome.estimate))
    #expect(outcome.interval.lower > 1.0 / 3 && outcome.interval.upper <= 1)
    #expect(outcome.replicates.count == 500)
    let counts = StratifiedBootstrap(resamples: 20, seed: 3).interval(scores: scores, positive: positive) { drawn, labels in
      Double(labels.filter { $0 }.count * 1000 + drawn.count)
    }
    #expect(counts?.replicates.allSatisfy { $0 == 100_300 } == true)
  }

  @Test("one class: no interval; a constant statistic: a point")
  func edges() throws {
    #expect(StratifiedBootstrap(resamples: 10, seed: 0).averagePrecision(scores: [0.1, 0.2], positive: [true, true]) == nil)
    let constant = try #require(StratifiedBootstrap(resamples: 10, seed: 0).interval(scores: [0.1, 0.9], positive: [false, true]) { _, _ in 0.25 })
    #expect(constant.interval.lower == 0.25 && constant.interval.upper == 0.25)
  }
}
