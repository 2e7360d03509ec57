// ssl-quality · McNemarTest+JSON.swift — how a paired accuracy comparison is written in results.

import SSLQuality

/// ``McNemarTest`` of two probes judged on the same test samples, as a result writes it:
/// the discordant counts (`first_only`: the first right and the second wrong;
/// `second_only`: the reverse), the samples, the accuracy difference first − second
/// (`(b − c)/n`) with its paired interval (method `paired_wald`), the exact two-sided
/// p-value (`p_value`, binomial) and which probe is the more accurate at 5%
/// (`first_better`, `second_better` or `no_clear_difference`).
public struct McNemarJSON: Codable, Sendable, Equatable {
  public var firstOnly: Int, secondOnly: Int, samples: Int
  @FiniteOrNull public var difference: Double
  public var interval: IntervalJSON
  @FiniteOrNull public var pValue: Double
  public var direction: McNemarTest.Direction

  enum CodingKeys: String, OrderedCodingKey {
    case firstOnly = "first_only", secondOnly = "second_only", samples, difference, interval, pValue = "p_value", direction
  }

  public init(_ test: McNemarTest) {
    (firstOnly, secondOnly, samples) = (test.firstOnly, test.secondOnly, test.samples)
    difference = test.accuracyDifference
    interval = IntervalJSON(test.interval, method: .pairedWald)
    pValue = test.exactPValue
    direction = test.direction()
  }

  /// The test of `first` against `second` (per-sample correctness on the same samples);
  /// `nil` when there are no samples.
  public init?(first: [Bool], second: [Bool]) {
    guard let test = McNemarTest(firstCorrect: first, secondCorrect: second) else { return nil }
    self.init(test)
  }
}

/// ``McNemarTest/Direction`` as its raw value.
extension McNemarTest.Direction: Codable {}
