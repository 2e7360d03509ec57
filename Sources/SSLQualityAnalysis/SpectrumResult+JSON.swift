// ssl-quality · SpectrumResult+JSON.swift — how a spectrum result is written as JSON and read back.

import SSLQuality

/// ``SpectrumResult`` as the JSON of `spectrum` (and of each row of `compare`): its keys in
/// the order below; `alpha`, `alpha_intercept`, `alpha_r2` and `views` left out when absent;
/// NaN and ±∞ written as `null` by ``ResultJSON``. `report --from` reads it back.
extension SpectrumResult: Codable {
  enum CodingKeys: String, OrderedCodingKey {
    case alpha, alphaIntercept = "alpha_intercept", alphaR2 = "alpha_r2", alphaRange = "alpha_range"
    case collapseReference = "collapse_reference", collapseStd = "collapse_std", deadFeatureIndices = "dead_feature_indices"
    case deadFeatures = "dead_features", effectiveRank = "effective_rank", eigenvalues, features, rankme
    case rankmeCentered = "rankme_centered", samples, views
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      samples: try c.decode(Int.self, forKey: .samples), features: try c.decode(Int.self, forKey: .features),
      rankme: try c.decode(Double.self, forKey: .rankme), rankmeCentered: try c.decode(Double.self, forKey: .rankmeCentered),
      alpha: try c.decodeIfPresent(Double.self, forKey: .alpha), alphaRange: try c.decode([Int].self, forKey: .alphaRange),
      alphaIntercept: try c.decodeIfPresent(Double.self, forKey: .alphaIntercept),
      alphaR2: try c.decodeIfPresent(Double.self, forKey: .alphaR2), effectiveRank: try c.decode(Double.self, forKey: .effectiveRank),
      deadFeatures: try c.decode(Int.self, forKey: .deadFeatures), deadFeatureIndices: try c.decode([Int].self, forKey: .deadFeatureIndices),
      collapseStd: try c.decode(Double.self, forKey: .collapseStd),
      collapseReference: try c.decode(Double.self, forKey: .collapseReference),
      eigenvalues: try c.decode([Double].self, forKey: .eigenvalues), views: try c.decodeIfPresent(ViewAgreement.self, forKey: .views))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeIfPresent(alpha, forKey: .alpha)
    try c.encodeIfPresent(alphaIntercept, forKey: .alphaIntercept)
    try c.encodeIfPresent(alphaR2, forKey: .alphaR2)
    try c.encode(alphaRange, forKey: .alphaRange)
    try c.encode(collapseReference, forKey: .collapseReference)
    try c.encode(collapseStd, forKey: .collapseStd)
    try c.encode(deadFeatureIndices, forKey: .deadFeatureIndices)
    try c.encode(deadFeatures, forKey: .deadFeatures)
    try c.encode(effectiveRank, forKey: .effectiveRank)
    try c.encode(eigenvalues, forKey: .eigenvalues)
    try c.encode(features, forKey: .features)
    try c.encode(rankme, forKey: .rankme)
    try c.encode(rankmeCentered, forKey: .rankmeCentered)
    try c.encode(samples, forKey: .samples)
    try c.encodeIfPresent(views, forKey: .views)
  }
}
