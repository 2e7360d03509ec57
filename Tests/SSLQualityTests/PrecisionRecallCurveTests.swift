// ssl-quality · PrecisionRecallCurveTests.swift — the thinned precision-recall curve stays within its resolution.

import Testing

@testable import SSLQuality

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
