// ssl-quality · SymmetricBinomialTests.swift — Bin(N, ½) probabilities and tails in log space.

import Foundation
import Testing

@testable import SSLQuality

@Suite("Uncertainty: symmetric binomial")
struct SymmetricBinomialTests {
  @Test("the binomial tail in log space equals the direct sum for small N")
  func binomialTail() {
    for n in [1, 2, 5, 10, 31, 60] {
      var coefficient = 1.0, cumulative = 0.0
      for k in 0...(n / 2) {
        if k > 0 { coefficient *= Double(n - k + 1) / Double(k) }
        cumulative += coefficient
        let direct = cumulative / pow(2, Double(n))
        #expect(approximatelyEqual(exp(SymmetricBinomial.logLowerTail(atMost: k, trials: n)), direct, relative: 1e-13), "n \(n) k \(k)")
        #expect(approximatelyEqual(exp(SymmetricBinomial.logProbability(k, trials: n)), coefficient / pow(2, Double(n)), relative: 1e-13))
      }
    }
  }

  @Test("large N: the tail up to the median of an odd N is ½; consecutive tails differ by the probability")
  func largeTrials() {
    let n = 2_000_001
    let median = exp(SymmetricBinomial.logLowerTail(atMost: n / 2, trials: n))
    #expect(approximatelyEqual(median, 0.5, relative: 1e-12))
    let k = n / 2 - 1500
    let tail = exp(SymmetricBinomial.logLowerTail(atMost: k, trials: n))
    let next = exp(SymmetricBinomial.logLowerTail(atMost: k - 1, trials: n))
    #expect(approximatelyEqual(tail - next, exp(SymmetricBinomial.logProbability(k, trials: n)), relative: 1e-9))
  }
}
