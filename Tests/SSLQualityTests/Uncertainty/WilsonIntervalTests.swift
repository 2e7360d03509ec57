// ssl-quality · WilsonIntervalTests.swift — the Wilson score interval against its closed form in numpy.

import Testing

@testable import SSLQuality

@Suite("Uncertainty: Wilson interval")
struct WilsonIntervalTests {
  @Test("bounds match the reference to 1e-9 relative")
  func matchesReference() throws {
    let cases = UncertaintyReference.list("wilson")
    #expect(cases.count >= 10)
    for entry in cases {
      let k = try #require(entry["k"] as? Int), n = try #require(entry["n"] as? Int)
      let confidence = UncertaintyReference.number(entry["confidence"])
      let wilson = try #require(WilsonInterval(successes: k, trials: n, confidence: confidence))
      #expect(approximatelyEqual(wilson.interval.lower, UncertaintyReference.number(entry["lower"])), "\(k)/\(n) lower \(wilson.interval.lower)")
      #expect(approximatelyEqual(wilson.interval.upper, UncertaintyReference.number(entry["upper"])), "\(k)/\(n) upper \(wilson.interval.upper)")
      #expect(wilson.interval.confidence == confidence)
    }
  }

  @Test("k = 0 and k = n reach the ends exactly; n = 0 has no interval")
  func edges() throws {
    #expect(WilsonInterval(successes: 0, trials: 0) == nil)
    let none = try #require(WilsonInterval(successes: 0, trials: 7))
    #expect(none.interval.lower == 0 && none.interval.upper > 0 && none.interval.upper < 1)
    let all = try #require(WilsonInterval(successes: 7, trials: 7))
    #expect(all.interval.upper == 1 && all.interval.lower > 0 && all.interval.lower < 1)
  }

  @Test("contains k/n, inside [0, 1], narrows as n grows and widens with confidence")
  func properties() throws {
    var previousWidth = Double.infinity
    for n in [10, 100, 1000, 10000, 100000] {
      for k in [0, 1, n / 3, n / 2, n - 1, n] {
        let wilson = try #require(WilsonInterval(successes: k, trials: n))
        #expect(wilson.interval.contains(wilson.proportion))
        #expect(wilson.interval.lower >= 0 && wilson.interval.upper <= 1)
      }
      let width = try #require(WilsonInterval(successes: n * 3 / 10, trials: n)).interval.width
      #expect(width < previousWidth)
      previousWidth = width
    }
    let narrow = try #require(WilsonInterval(successes: 30, trials: 100, confidence: 0.9))
    let wide = try #require(WilsonInterval(successes: 30, trials: 100, confidence: 0.99))
    #expect(narrow.interval.width < wide.interval.width)
  }
}
