// ssl-quality · QScore.swift — per-sample Q-Score from the kept highly-activating entries.

/// How each term of a Q-Score is scaled.
public enum QScoreNormalization: String, Sendable, CaseIterable {
  /// `h_ij − μ_i`, the paper's definition.
  case none
  /// `(h_ij − μ_i) / σ_i` (a term with `σ_i = 0` is 0).
  case zscore
}

/// Per-sample Q-Scores:
///
/// ```
/// Q_i = mean over j ∈ L_i ∩ Dset of (h_ij − μ_i)      (0 when L_i ∩ Dset is empty)
/// ```
///
/// Every defined Q is positive (each term exceeds `ε σ_i ≥ 0`), so 0 is the minimum; a
/// higher Q means a higher-quality representation. Rows with NaN or Inf score NaN.
/// Computed from an ``ActivationProfile`` without reading the matrix again, and `Dset` may
/// come from another matrix (e.g. the train split).
public struct QScores: Sendable {
  /// `Q_i` in input order (NaN for non-finite rows).
  public let values: [Double]
  /// `|L_i ∩ Dset|` per sample.
  public let termCounts: [Int]
  /// Finite samples whose `L_i ∩ Dset` is empty (scored 0).
  public let emptyCount: Int

  init(values: [Double], termCounts: [Int], emptyCount: Int) {
    self.values = values
    self.termCounts = termCounts
    self.emptyCount = emptyCount
  }

  /// Scores every row of `profile` against `discriminative`.
  ///
  /// - Precondition: both describe the same number of features.
  /// - Complexity: O(N + Σ|L_i|), the entry blocks spread over the context's workers (each
  ///   row is scored alone, so results do not depend on the thread count).
  public init(
    profile: ActivationProfile, discriminative: DiscriminativeFeatures, normalization: QScoreNormalization = .none,
    context: ExecutionContext
  ) {
    precondition(profile.features == discriminative.frequencies.count, "Dset was fitted on a different number of features")
    // 1 for a feature in Dset, 0 outside: a term times its weight is the term itself or
    // ±0, and the weights add up to the number of terms in Dset.
    let weights = discriminative.membership.map { $0 ? 1.0 : 0.0 }
    let blocks = profile.entryBlocks, rowStd = profile.rowStd
    let parts = context.parallelMap(blocks.count) { index -> (values: [Double], counts: [Int], empty: Int) in
      let block = blocks[index]
      var values = [Double](repeating: 0, count: block.rowCount), counts = [Int](repeating: 0, count: block.rowCount)
      var empty = 0
      block.features.withUnsafeBufferPointer { features in
        block.values.withUnsafeBufferPointer { stored in
          weights.withUnsafeBufferPointer { weight in
            for local in 0..<block.rowCount {
              let row = block.startRow + local
              guard profile.isFinite(row) else {
                values[local] = .nan
                continue
              }
              let sigma = rowStd[row], mu = block.means[local]
              // Every entry is added, a feature outside Dset times weight 0 as ±0: the same
              // bits as skipping it (the sum starts at +0, and in round-to-nearest adding ±0
              // leaves it as it is), without a branch that Dset's scattered membership would
              // mispredict. (A mask of the term's bits on the loaded flag is compiled into
              // just such a branch.)
              var sum = 0.0, count = 0
              let entries = block.offsets[local]..<block.offsets[local + 1]
              @inline(__always) func add(_ term: Double, feature: Int32) {
                let w = weight[Int(feature)]
                sum += term * w
                count &+= Int(w)
              }
              switch normalization {
              case .none:
                for entry in entries { add(Double(stored[entry]) - mu, feature: features[entry]) }
              case .zscore:
                for entry in entries { add(sigma > 0 ? (Double(stored[entry]) - mu) / sigma : 0, feature: features[entry]) }
              }
              counts[local] = count
              if count == 0 { empty += 1 } else { values[local] = sum / Double(count) }
            }
          }
        }
      }
      return (values, counts, empty)
    }
    values = parts.flatMap(\.values)
    termCounts = parts.flatMap(\.counts)
    emptyCount = parts.reduce(0) { $0 + $1.empty }
  }
}
