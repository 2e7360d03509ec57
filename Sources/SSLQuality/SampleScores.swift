// ssl-quality · SampleScores.swift — every per-sample value of a scored matrix, for tables.

/// The per-sample values `score` can write as a table, one entry per row in input order:
/// Q-Score (`h − μ` terms), its z-scored variant, the baselines `l1` and `max_z` (and `msp`
/// when probabilities are known), `|L_i|` and `|L_i ∩ Dset|`. Non-finite rows hold NaN
/// scores and zero counts.
public struct SampleScores: Sendable {
  public let q: [Double], qz: [Double]
  public let l1: [Double], maxZ: [Double]
  public let msp: [Double]?
  /// `|L_i|` and `|L_i ∩ Dset|` per sample (the same under either normalisation).
  public let highlyActive: [Int], discriminativeActive: [Int]

  /// Collects the values of `profile` scored against `discriminative`, given its Q-Scores
  /// `scores` under `normalization`: only the other normalisation is computed.
  ///
  /// - Complexity: O(N + Σ|L_i|).
  public init(
    profile: ActivationProfile, discriminative: DiscriminativeFeatures, scores: QScores, normalization: QScoreNormalization, msp: [Double]?,
    context: ExecutionContext
  ) {
    let other = QScores(profile: profile, discriminative: discriminative, normalization: normalization == .none ? .zscore : .none, context: context)
    let (plain, zscored) = normalization == .none ? (scores, other) : (other, scores)
    q = plain.values
    qz = zscored.values
    l1 = profile.l1Norm
    maxZ = profile.maxZ
    self.msp = msp
    highlyActive = profile.highlyActiveCounts
    discriminativeActive = plain.termCounts
  }

  /// The values of `score` (`nil`: `msp` without class probabilities).
  public func values(_ score: MistakeScore) -> [Double]? {
    switch score {
    case .q: q
    case .msp: msp
    case .l1: l1
    case .maxZ: maxZ
    }
  }

  /// Rows of the `k` lowest finite `scores`, lowest first; ties are ordered by the lower
  /// `tieBreak` value (e.g. `max_z` among the many samples at `Q = 0`; NaN last), then by
  /// row.
  public static func lowest(_ k: Int, of scores: [Double], tieBreak: [Double]? = nil) -> [Int] {
    let finite = scores.indices.filter { !scores[$0].isNaN }
    let second = tieBreak.map { values in values.map { $0.isNaN ? Double.infinity : $0 } }
    return Array(
      finite.sorted { a, b in
        if scores[a] != scores[b] { return scores[a] < scores[b] }
        if let second, second[a] != second[b] { return second[a] < second[b] }
        return a < b
      }.prefix(max(0, k)))
  }
}
