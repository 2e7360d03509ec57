// ssl-quality · PairedDeLongTestTests.swift — DeLong's paired test against the numpy reference.

import Testing

@testable import SSLQuality

@Suite("Uncertainty: paired DeLong test")
struct PairedDeLongTestTests {
  @Test("difference, variance, covariance, z, p and interval match to 1e-9 relative", arguments: DeLongCase.names)
  func matchesReference(name: String) throws {
    let reference = try DeLongCase(name)
    let want = try #require(reference.entry["paired"] as? [String: Any])
    let test = try #require(
      PairedDeLongTest(first: reference.first, second: reference.second, positive: reference.positive, confidence: reference.confidence))
    for (label, got) in [
      ("difference", test.difference), ("variance", test.variance), ("covariance", test.covariance), ("z", test.z), ("p", test.pValue),
      ("lower", test.interval.lower), ("upper", test.interval.upper),
    ] {
      #expect(approximatelyEqual(got, UncertaintyReference.number(want[label])), "\(name) \(label) \(got) != \(want[label] ?? "")")
    }
  }

  @Test("a score against itself: difference 0, variance 0, p = 1")
  func againstItself() throws {
    let reference = try DeLongCase("ties")
    let test = try #require(PairedDeLongTest(first: reference.first, second: reference.first, positive: reference.positive))
    #expect(test.difference == 0 && test.variance == 0 && test.z == 0 && test.pValue == 1)
    #expect(test.interval.lower == 0 && test.interval.upper == 0)
  }

  @Test("swapping the scores negates the difference and z and keeps p")
  func antisymmetric() throws {
    let reference = try DeLongCase("continuous")
    let forward = try #require(PairedDeLongTest(first: reference.first, second: reference.second, positive: reference.positive))
    let backward = try #require(PairedDeLongTest(first: reference.second, second: reference.first, positive: reference.positive))
    #expect(forward.difference == -backward.difference)
    #expect(approximatelyEqual(forward.z, -backward.z, relative: 1e-12))
    #expect(approximatelyEqual(forward.pValue, backward.pValue, relative: 1e-12))
    #expect(forward.interval.contains(forward.difference))
  }

  @Test("one class: no test; one negative: NaN z and p")
  func edges() throws {
    #expect(PairedDeLongTest(first: [0.1, 0.2], second: [0.3, 0.1], positive: [false, false]) == nil)
    let single = try #require(PairedDeLongTest(first: [0.9, 0.4, 0.1], second: [0.2, 0.8, 0.3], positive: [true, true, false]))
    #expect(single.z.isNaN && single.pValue.isNaN && single.interval.lower.isNaN)
  }
}
