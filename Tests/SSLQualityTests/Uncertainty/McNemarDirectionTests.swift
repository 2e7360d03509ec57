// ssl-quality · McNemarDirectionTests.swift — which classifier a McNemar test favours at 5%.

import Testing

@testable import SSLQuality

@Suite("McNemar direction")
struct McNemarDirectionTests {
  func direction(_ b: Int, _ c: Int) throws -> McNemarTest.Direction {
    try #require(McNemarTest(firstOnly: b, secondOnly: c, samples: 1000)).direction()
  }

  @Test func aDifferenceOnlyBelowTheLevelWithTheSignOfBMinusC() throws {
    // scipy.stats.binomtest: (10, 66) p ≈ 3.0e-11; (12, 15) p ≈ 0.70; (2, 9) p ≈ 0.065; (1, 9) p ≈ 0.021.
    #expect(try direction(66, 10) == .firstBetter)
    #expect(try direction(10, 66) == .secondBetter)
    #expect(try direction(12, 15) == .noClearDifference)
    #expect(try direction(2, 9) == .noClearDifference)
    #expect(try direction(1, 9) == .secondBetter)
    #expect(try direction(0, 0) == .noClearDifference)
    // The level is a strict bound: p = 0.0215 is a difference at 5% and not at 1%.
    #expect(try #require(McNemarTest(firstOnly: 1, secondOnly: 9, samples: 100)).direction(level: 0.01) == .noClearDifference)
  }
}
