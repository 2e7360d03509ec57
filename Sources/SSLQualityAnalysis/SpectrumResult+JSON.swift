// ssl-quality · SpectrumResult+JSON.swift — how a spectrum result is written as JSON and read back.

import SSLQuality

/// ``SpectrumResult`` as the JSON of `spectrum` (and of each row of `compare`): its keys in
/// the order below; `alpha`, `alpha_intercept`, `alpha_r2`, the bootstrap's intervals
/// (`alpha_interval`, `rankme_interval`, `rankme_centered_interval`, ``IntervalJSON`` with
/// method `row_bootstrap`) and `views` left out when absent; NaN and ±∞ written as `null` by
/// ``ResultJSON``. RankMe's shares of `D` and of `min(n, D)` and its reading
/// (``rankmeReading``) are derived, written but not read. `report --from` reads it back.
extension SpectrumResult: Codable {
  enum CodingKeys: String, OrderedCodingKey {
    case alpha, alphaIntercept = "alpha_intercept", alphaInterval = "alpha_interval", alphaR2 = "alpha_r2", alphaRange = "alpha_range"
    case collapseReference = "collapse_reference", collapseStd = "collapse_std", deadFeatureIndices = "dead_feature_indices"
    case deadFeatures = "dead_features", effectiveRank = "effective_rank", eigenvalues, features, rankme
    case rankmeCentered = "rankme_centered", rankmeCenteredInterval = "rankme_centered_interval", rankmeInterval = "rankme_interval"
    case rankmeReading = "rankme_reading", rankmeShareOfFeatures = "rankme_share_of_features", rankmeShareOfMaxRank = "rankme_share_of_max_rank"
    case samples, views
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
    if let rankme = try c.decodeIfPresent(IntervalJSON.self, forKey: .rankmeInterval),
      let centred = try c.decodeIfPresent(IntervalJSON.self, forKey: .rankmeCenteredInterval)
    {
      let alpha = try c.decodeIfPresent(IntervalJSON.self, forKey: .alphaInterval)?.interval
      bootstrap = SpectrumBootstrap.Intervals(
        resamples: rankme.resamples ?? 0, seed: rankme.seed ?? 0, rankme: rankme.interval, rankmeCentered: centred.interval,
        alpha: alpha ?? ConfidenceInterval(lower: .nan, upper: .nan, confidence: rankme.confidence))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeIfPresent(alpha, forKey: .alpha)
    try c.encodeIfPresent(alphaIntercept, forKey: .alphaIntercept)
    try c.encodeIfPresent(bootstrap.map { interval($0.alpha, $0) }, forKey: .alphaInterval)
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
    try c.encodeIfPresent(bootstrap.map { interval($0.rankmeCentered, $0) }, forKey: .rankmeCenteredInterval)
    try c.encodeIfPresent(bootstrap.map { interval($0.rankme, $0) }, forKey: .rankmeInterval)
    try c.encode(rankmeReading, forKey: .rankmeReading)
    try c.encode(rankmeShareOfFeatures, forKey: .rankmeShareOfFeatures)
    try c.encode(rankmeShareOfBound, forKey: .rankmeShareOfMaxRank)
    try c.encode(samples, forKey: .samples)
    try c.encodeIfPresent(views, forKey: .views)
  }
}

extension SpectrumResult {
  /// RankMe read against the bounds it is measured in, in one line: "RankMe 53.4321 is 20.87%
  /// of D = 256 and of min(N, D) = 256, as if 53 singular values were equal and the rest 0;
  /// compare it between checkpoints of one architecture" (`exp` of an entropy is the number
  /// of equal values with the same entropy).
  public var rankmeReading: String {
    let bound = min(samples, features)
    let shares = bound == features
      ? "\(Format.percent(rankmeShareOfFeatures)) of D = \(features) and of min(N, D) = \(bound)"
      : "\(Format.percent(rankmeShareOfFeatures)) of D = \(features) and \(Format.percent(rankmeShareOfBound)) of min(N, D) = \(bound)"
    return "RankMe \(Format.number(rankme)) is \(shares), as if \(Int(rankme.rounded())) singular values were equal and the rest 0; "
      + "compare it between checkpoints of one architecture"
  }

  /// One of the bootstrap's intervals as JSON, with its replicates and seed.
  fileprivate func interval(_ interval: ConfidenceInterval, _ bootstrap: SpectrumBootstrap.Intervals) -> IntervalJSON {
    IntervalJSON(interval, method: .rowBootstrap, resamples: bootstrap.resamples, seed: bootstrap.seed)
  }
}
