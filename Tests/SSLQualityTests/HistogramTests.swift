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
