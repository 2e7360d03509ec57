// ssl-quality · MidranksTests.swift — average ranks of ties.

import Testing

@testable import SSLQuality

@Suite("Uncertainty: midranks")
struct MidranksTests {
  @Test("ties share the mean of the ranks they occupy (scipy's rankdata, method average)")
  func midrankValues() {
    #expect(midranks([5, 1, 5]) == [2.5, 1, 2.5])
    #expect(midranks([3, 3, 3, 3]) == [2.5, 2.5, 2.5, 2.5])
    #expect(midranks([0.2, -1, 7, 0.2, 0.2]) == [3, 1, 5, 3, 3])
    #expect(midranks([]) == [])
  }
}
