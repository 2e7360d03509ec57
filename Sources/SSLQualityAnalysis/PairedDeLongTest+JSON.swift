// ssl-quality · PairedDeLongTest+JSON.swift — how a paired AUROC comparison is written in results.

import SSLQuality

/// ``PairedDeLongTest`` of two scores ranking the same samples, as a result writes it: the
/// samples and positives it ranks, each score's AUROC, their difference first − second
/// with its interval (method `paired_delong`), the z statistic and the two-sided p-value
/// (`null` when undefined).
public struct PairedDeLongJSON: Codable, Sendable, Equatable {
  public var samples: Int, positives: Int
  @FiniteOrNull public var firstAuroc: Double
  @FiniteOrNull public var secondAuroc: Double
  @FiniteOrNull public var difference: Double
  public var interval: IntervalJSON
  @FiniteOrNull public var z: Double
  @FiniteOrNull public var pValue: Double

  enum CodingKeys: String, OrderedCodingKey {
    case samples, positives, firstAuroc = "first_auroc", secondAuroc = "second_auroc", difference, interval, z, pValue = "p_value"
  }

  public init(_ test: PairedDeLongTest) {
    positives = test.first.positiveComponents.count
    samples = positives + test.first.negativeComponents.count
    (firstAuroc, secondAuroc, difference) = (test.first.auroc, test.second.auroc, test.difference)
    interval = IntervalJSON(test.interval, method: .pairedDelong)
    (z, pValue) = (test.z, test.pValue)
  }
}
