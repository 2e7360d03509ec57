// ssl-quality · EpsilonCalibration+JSON.swift — `calibrate`'s JSON document, and back for `report --from`.

import SSLQuality

/// ``EpsilonCalibration`` as `calibrate --json` writes it: keys sorted, an absent
/// recommendation left out.
extension EpsilonCalibration: Codable {
  /// The document's keys, declared in the sorted order it has always had.
  enum CodingKeys: String, OrderedCodingKey {
    case band, features
    case labelOptimalEpsilon = "label_optimal_epsilon"
    case normalize
    case recommendationRule = "recommendation_rule", recommendedEpsilon = "recommended_epsilon"
    case rows, samples
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      samples: c.decode(Int.self, forKey: .samples), features: c.decode(Int.self, forKey: .features),
      band: c.decode([Double].self, forKey: .band), normalize: c.decode(String.self, forKey: .normalize),
      rows: c.decode([CalibrationRow].self, forKey: .rows))
    // As written, not as worked out again from the rows.
    recommendedEpsilon = try c.decodeIfPresent(Double.self, forKey: .recommendedEpsilon)
    recommendationRule = try c.decode(String.self, forKey: .recommendationRule)
    labelOptimalEpsilon = try c.decodeIfPresent(Double.self, forKey: .labelOptimalEpsilon)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(band, forKey: .band)
    try c.encode(features, forKey: .features)
    try c.encodeIfPresent(labelOptimalEpsilon, forKey: .labelOptimalEpsilon)
    try c.encode(normalize, forKey: .normalize)
    try c.encode(recommendationRule, forKey: .recommendationRule)
    try c.encodeIfPresent(recommendedEpsilon, forKey: .recommendedEpsilon)
    try c.encode(rows, forKey: .rows)
    try c.encode(samples, forKey: .samples)
  }
}
