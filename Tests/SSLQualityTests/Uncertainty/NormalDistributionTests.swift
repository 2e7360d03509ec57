// ssl-quality · NormalDistributionTests.swift — Φ⁻¹ against scipy.stats.norm.ppf.

import Foundation
import Testing

@testable import SSLQuality

@Suite("Uncertainty: normal quantile")
struct NormalDistributionTests {
  @Test("Φ⁻¹ matches scipy to 1e-12 relative (absolute near 0)")
  func quantileMatchesScipy() throws {
    let reference = try #require(UncertaintyReference.all["quantile"] as? [String: Any])
    let p = UncertaintyReference.numbers(reference["p"]), x = UncertaintyReference.numbers(reference["x"])
    #expect(p.count == x.count && p.count > 80)
    for (probability, want) in zip(p, x) {
      let got = NormalDistribution.quantile(probability)
      #expect(approximatelyEqual(got, want, relative: 1e-12, absolute: 1e-12), "Φ⁻¹(\(probability)) = \(got), scipy \(want)")
    }
  }

  @Test("ends, outside and symmetry")
  func specials() {
    #expect(NormalDistribution.quantile(0) == -.infinity)
    #expect(NormalDistribution.quantile(1) == .infinity)
    #expect(NormalDistribution.quantile(0.5) == 0)
    #expect(NormalDistribution.quantile(-0.1).isNaN)
    #expect(NormalDistribution.quantile(1.1).isNaN)
    #expect(NormalDistribution.quantile(.nan).isNaN)
    // Powers of two, so that 1 − p and 1 − (1 − p) are exact.
    for p in [0x1p-40, 0x1p-20, 0.125, 0.25, 0.375] {
      #expect(NormalDistribution.quantile(1 - p) == -NormalDistribution.quantile(p))
    }
    #expect(approximatelyEqual(NormalDistribution.criticalValue(confidence: 0.95), 1.959963984540054, relative: 1e-15))
  }

  @Test("the two-sided p-value inverts the quantile")
  func twoSided() {
    for p in [1e-10, 0.001, 0.05, 0.5, 0.9] {
      #expect(approximatelyEqual(NormalDistribution.twoSidedPValue(NormalDistribution.quantile(p / 2)), p, relative: 1e-12))
    }
    #expect(NormalDistribution.twoSidedPValue(0) == 1)
  }
}
