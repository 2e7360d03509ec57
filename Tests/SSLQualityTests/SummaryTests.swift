// ssl-quality · SummaryTests.swift — mean, population std and median as numpy computes them.

import Testing

@testable import SSLQuality

@Suite("Summary")
struct SummaryTests {
  /// `v = np.array([0.5, 1.25, -3.0, 7.75, 2.0, 0.1])`: `v.mean()` 1.4333333333333333,
  /// `v.std()` 3.2289919307562367, `np.median(v)` 0.875 (the NaN is left out first).
  @Test func matchesNumpy() {
    let s = Summary([0.5, 1.25, -3.0, 7.75, .nan, 2.0, 0.1])
    #expect(s.count == 6)
    #expect(abs(s.mean - 1.4333333333333333) <= 1e-15)
    #expect(abs(s.std - 3.2289919307562367) <= 1e-15)
    #expect(s.median == 0.875 && s.min == -3 && s.max == 7.75)
  }

  /// Equal values give exactly their value and a zero std, where the sum alone would not
  /// (numpy: `np.array([0.1] * 3).mean()` is 0.10000000000000002).
  @Test func equalValuesAreExact() {
    #expect(Summary.meanAndStd([0.1, 0.1, 0.1]) == (0.1, 0))
    #expect(Summary([0.1, 0.1, 0.1]).mean == 0.1)
    let none = Summary.meanAndStd([])
    #expect(none.mean.isNaN && none.std.isNaN)
  }
}
