// ssl-quality · HistogramTests.swift — equal-width bins as numpy.histogram counts them.

import Testing

@testable import SSLQuality

@Suite("Histogram")
struct HistogramTests {
  /// `np.histogram([0.5, 1, 1, 2.5, 3, 3, -1, 7], bins=5, range=(0.5, 3.0))` (NaN dropped first).
  @Test func matchesNumpy() {
    let h = Histogram([0.5, 1.0, 1.0, 2.5, 3.0, 3.0, -1.0, 7.0, .nan], bins: 5, range: 0.5...3.0)
    #expect(h.counts == [1, 2, 0, 0, 3])
    #expect(h.edges == [0.5, 1.0, 1.5, 2.0, 2.5, 3.0])
    #expect(h.total == 6)
  }

  /// `np.histogram([2.0, 2.0], bins=2)`: a one-value range widens by ±0.5.
  @Test func degenerateRange() {
    let h = Histogram([2.0, 2.0], bins: 2, range: 2.0...2.0)
    #expect(h.counts == [0, 2])
    #expect(h.edges == [1.5, 2.0, 2.5])
  }

  @Test func rangeOfFiniteValues() {
    #expect(Histogram.range(of: [3, .nan, -1, .infinity, 2]) == -1...3)
    #expect(Histogram.range(of: [Double.nan]) == nil)
  }
}

@Suite("Q-Score distribution")
struct QScoreDistributionTests {
  @Test func splitsZeroShareAndPositiveHistogramByOutcome() {
    let q: [Double] = [0, 0, 1, 2, 0, 3, .nan, 4]
    let correct = [true, true, true, false, false, false, true, true]
    let d = QScoreDistribution(q: q, correct: correct, bins: 3)
    #expect(d.groups.map(\.name) == ["correct", "misclassified"])
    #expect(d.groups[0].samples == 4 && d.groups[0].zeroCount == 2)
    #expect(d.groups[1].samples == 3 && d.groups[1].zeroCount == 1)
    // Shared bins over the positive scores 1…4.
    #expect(d.groups[0].positive.edges == [1, 2, 3, 4])
    #expect(d.groups[0].positive.counts == [1, 0, 1])
    #expect(d.groups[1].positive.counts == [0, 1, 1])
    #expect(abs(d.groups[1].zeroShare - 1.0 / 3) < 1e-15)
  }

  @Test func oneGroupWithoutOutcomes() {
    let d = QScoreDistribution(q: [0, 0, 0], correct: nil)
    #expect(d.groups.count == 1 && d.groups[0].zeroCount == 3 && d.groups[0].positive.total == 0)
  }
}

@Suite("Precision-recall curve for figures")
struct PrecisionRecallCurveTests {
  let ranking = BinaryRanking(
    scores: (0..<500).map { Double(($0 * 7919) % 500) }, positive: (0..<500).map { ($0 * 31) % 7 != 0 })

  @Test func resolutionZeroKeepsScikitLearnsCurve() {
    let full = ranking.precisionRecallCurve
    let curve = PrecisionRecallCurve(ranking, resolution: 0)
    #expect(curve.recall == full.recall && curve.precision == full.precision)
  }

  @Test func thinningKeepsEndsAndStaysWithinResolution() {
    let full = ranking.precisionRecallCurve
    let curve = PrecisionRecallCurve(ranking, resolution: 0.05)
    #expect(curve.recall.count < full.recall.count / 4)
    #expect(curve.recall.first == full.recall.first && curve.recall.last == full.recall.last)
    #expect(curve.precision.last == 1)
    // Every dropped point is within the resolution of the last kept point before it.
    var kept = 0
    for k in full.recall.indices {
      if kept + 1 < curve.recall.count, full.recall[k] == curve.recall[kept + 1], full.precision[k] == curve.precision[kept + 1] {
        kept += 1
      }
      #expect(abs(full.recall[k] - curve.recall[kept]) < 0.05 + 1e-12)
      #expect(abs(full.precision[k] - curve.precision[kept]) < 0.05 + 1e-12)
    }
  }
}
