// ssl-quality · McNemarTestTests.swift — McNemar's test against scipy.stats.binomtest and chi2.

import Foundation
import Testing

@testable import SSLQuality

@Suite("Uncertainty: McNemar test")
struct McNemarTestTests {
  @Test("exact p, chi-square, difference and interval match the reference to 1e-9 relative, b + c up to millions")
  func matchesReference() throws {
    let cases = UncertaintyReference.list("mcnemar")
    #expect(cases.count >= 12)
    for entry in cases {
      let b = try #require(entry["b"] as? Int), c = try #require(entry["c"] as? Int), n = try #require(entry["n"] as? Int)
      let test = try #require(McNemarTest(firstOnly: b, secondOnly: c, samples: n, confidence: UncertaintyReference.number(entry["confidence"])))
      for (label, got) in [
        ("exact_p", test.exactPValue), ("chi_square", test.chiSquare), ("chi_square_p", test.chiSquarePValue),
        ("difference", test.accuracyDifference), ("lower", test.interval.lower), ("upper", test.interval.upper),
      ] {
        #expect(approximatelyEqual(got, UncertaintyReference.number(entry[label])), "b \(b) c \(c) n \(n) \(label) \(got) != \(entry[label] ?? "")")
      }
    }
  }

  @Test("counts from per-sample correctness")
  func fromCorrectness() throws {
    let first = [true, true, false, false, true, true, false]
    let second = [true, false, true, false, false, true, false]
    let test = try #require(McNemarTest(firstCorrect: first, secondCorrect: second))
    #expect(test.firstOnly == 2 && test.secondOnly == 1 && test.samples == 7)
    #expect(test == McNemarTest(firstOnly: 2, secondOnly: 1, samples: 7))
    #expect(McNemarTest(firstCorrect: [], secondCorrect: []) == nil)
  }

  @Test("symmetric in b and c; the difference and its interval change sign")
  func symmetric() throws {
    for (b, c, n) in [(0, 5, 10), (3, 9, 40), (120, 95, 1000), (400_000, 401_000, 1_000_000)] {
      let forward = try #require(McNemarTest(firstOnly: b, secondOnly: c, samples: n))
      let backward = try #require(McNemarTest(firstOnly: c, secondOnly: b, samples: n))
      #expect(forward.exactPValue == backward.exactPValue && forward.chiSquarePValue == backward.chiSquarePValue)
      #expect(forward.accuracyDifference == -backward.accuracyDifference)
      #expect(forward.interval.lower == -backward.interval.upper && forward.interval.upper == -backward.interval.lower)
      #expect(forward.interval.contains(forward.accuracyDifference))
    }
  }

  @Test("no discordant samples: p = 1, chi-square NaN, difference 0; no samples: no test")
  func edges() throws {
    let even = try #require(McNemarTest(firstOnly: 0, secondOnly: 0, samples: 12))
    #expect(even.exactPValue == 1 && even.chiSquare.isNaN && even.accuracyDifference == 0)
    #expect(even.interval.lower == 0 && even.interval.upper == 0)
    #expect(McNemarTest(firstOnly: 0, secondOnly: 0, samples: 0) == nil)
    let tied = try #require(McNemarTest(firstOnly: 3_000_000, secondOnly: 3_000_000, samples: 6_000_000))
    #expect(tied.exactPValue == 1)
  }
}
