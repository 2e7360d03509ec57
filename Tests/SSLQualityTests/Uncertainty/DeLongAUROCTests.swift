// ssl-quality · DeLongAUROCTests.swift — AUROC and DeLong's variance against the O(N²) numpy reference.

import Testing

@testable import SSLQuality

/// One DeLong case of the reference: labels and two scores of the same samples.
struct DeLongCase {
  let positive: [Bool], first: [Double], second: [Double], confidence: Double
  let entry: [String: Any]

  init(_ name: String) throws {
    entry = try #require(UncertaintyReference.named("delong")[name])
    positive = try #require(entry["positive"] as? [Int]).map { $0 == 1 }
    first = UncertaintyReference.numbers(entry["first"])
    second = UncertaintyReference.numbers(entry["second"])
    confidence = UncertaintyReference.number(entry["confidence"])
  }

  static let names = ["continuous", "ties", "small", "unbalanced", "two_each"]
}

@Suite("Uncertainty: DeLong AUROC")
struct DeLongAUROCTests {
  @Test("AUROC, variance and interval match the reference to 1e-9 relative", arguments: DeLongCase.names)
  func matchesReference(name: String) throws {
    let reference = try DeLongCase(name)
    for (scores, key) in [(reference.first, "first_auroc"), (reference.second, "second_auroc")] {
      let want = try #require(reference.entry[key] as? [String: Any])
      let delong = try #require(DeLongAUROC(scores: scores, positive: reference.positive, confidence: reference.confidence))
      #expect(approximatelyEqual(delong.auroc, UncertaintyReference.number(want["auroc"])), "\(name) \(key) AUROC \(delong.auroc)")
      #expect(approximatelyEqual(delong.auroc, UncertaintyReference.number(want["sklearn_auroc"]), relative: 1e-12), "\(name) \(key) vs sklearn")
      #expect(approximatelyEqual(delong.variance, UncertaintyReference.number(want["variance"])), "\(name) \(key) variance \(delong.variance)")
      #expect(approximatelyEqual(delong.interval.lower, UncertaintyReference.number(want["lower"])), "\(name) \(key) lower")
      #expect(approximatelyEqual(delong.interval.upper, UncertaintyReference.number(want["upper"])), "\(name) \(key) upper")
    }
  }

  @Test("AUROC equals BinaryRanking's trapezoidal AUC, ties included", arguments: DeLongCase.names)
  func agreesWithBinaryRanking(name: String) throws {
    let reference = try DeLongCase(name)
    for scores in [reference.first, reference.second] {
      let delong = try #require(DeLongAUROC(scores: scores, positive: reference.positive))
      #expect(approximatelyEqual(delong.auroc, BinaryRanking(scores: scores, positive: reference.positive).rocAUC, relative: 1e-12))
    }
  }

  @Test("the interval contains the AUROC inside [0, 1] and narrows with more samples")
  func properties() throws {
    var generator = SeededGenerator(seed: 7)
    var previousWidth = Double.infinity
    for count in [40, 400, 4000] {
      let positive = (0..<count).map { $0 % 3 == 0 }
      let scores = positive.map { ($0 ? 0.8 : 0) + generator.normal() }
      let delong = try #require(DeLongAUROC(scores: scores, positive: positive))
      #expect(delong.interval.contains(delong.auroc))
      #expect(delong.interval.lower >= 0 && delong.interval.upper <= 1)
      #expect(delong.interval.width < previousWidth)
      previousWidth = delong.interval.width
      #expect(delong.positiveComponents.count == count / 3 + (count % 3 == 0 ? 0 : 1))
    }
  }

  @Test("one class: no AUROC; one positive: NaN variance; perfect separation: zero variance")
  func edges() throws {
    #expect(DeLongAUROC(scores: [0.1, 0.2], positive: [true, true]) == nil)
    #expect(DeLongAUROC(scores: [], positive: []) == nil)
    let single = try #require(DeLongAUROC(scores: [0.9, 0.1, 0.5], positive: [true, false, false]))
    #expect(single.auroc == 1)
    #expect(single.variance.isNaN && single.interval.lower.isNaN && single.interval.upper.isNaN)
    let perfect = try #require(DeLongAUROC(scores: [0.9, 0.8, 0.1, 0.2], positive: [true, true, false, false]))
    #expect(perfect.auroc == 1 && perfect.variance == 0 && perfect.interval.lower == 1 && perfect.interval.upper == 1)
    let tied = try #require(DeLongAUROC(scores: [0.5, 0.5, 0.5, 0.5], positive: [true, false, true, false]))
    #expect(tied.auroc == 0.5 && tied.variance == 0)
  }
}
