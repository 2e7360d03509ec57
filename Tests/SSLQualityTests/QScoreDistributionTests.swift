// ssl-quality · QScoreDistributionTests.swift — the Q = 0 share and the positive histogram, by outcome.

import Testing

@testable import SSLQuality

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
