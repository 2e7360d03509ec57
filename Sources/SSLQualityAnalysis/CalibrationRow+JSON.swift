// ssl-quality · CalibrationRow+JSON.swift — one ε of `calibrate`'s JSON document.

import SSLQuality

/// One ``CalibrationRow`` as `calibrate` writes it: `score`'s key names, sorted; absent
/// thresholds or misclassification left out.
extension CalibrationRow: Codable {
  /// The row's keys, declared in sorted order.
  enum CodingKeys: String, OrderedCodingKey {
    case discriminativeCount = "discriminative_count", emptyCount = "empty_count", emptyShare = "empty_share"
    case epsilon, misclassification, q, thresholds
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      epsilon: c.decode(Double.self, forKey: .epsilon), discriminativeCount: c.decode(Int.self, forKey: .discriminativeCount),
      thresholds: c.decodeIfPresent([Double].self, forKey: .thresholds), emptyCount: c.decode(Int.self, forKey: .emptyCount),
      emptyShare: c.decode(Double.self, forKey: .emptyShare),
      q: QSummary(from: c.superDecoder(forKey: .q), keys: QSummary.SortedKey.self),
      misclassification: c.decodeIfPresent(QMisclassification.self, forKey: .misclassification))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(discriminativeCount, forKey: .discriminativeCount)
    try c.encode(emptyCount, forKey: .emptyCount)
    try c.encode(emptyShare, forKey: .emptyShare)
    try c.encode(epsilon, forKey: .epsilon)
    try c.encodeIfPresent(misclassification, forKey: .misclassification)
    try q.encode(to: c.superEncoder(forKey: .q), keys: QSummary.SortedKey.self)
    try c.encodeIfPresent(thresholds, forKey: .thresholds)
  }
}
