// ssl-quality · DeLongAUROC.swift — ROC AUC with its DeLong variance and interval.

/// The area under the ROC curve with DeLong's variance (E. R. DeLong, D. M. DeLong &
/// D. L. Clarke-Pearson, "Comparing the areas under two or more correlated receiver
/// operating characteristic curves: a nonparametric approach", Biometrics 44, 1988),
/// computed by the midrank algorithm of X. Sun & W. Xu ("Fast implementation of DeLong's
/// algorithm for comparing the areas under correlated receiver operating characteristic
/// curves", IEEE Signal Processing Letters 21, 2014).
///
/// With `m` positives `X_i`, `n` negatives `Y_j`, `T_Z` the midranks of all scores,
/// `T_X` those of the positives among themselves and `T_Y` of the negatives:
///
/// ```
/// V10_i = (T_Z(X_i) − T_X(X_i)) / n          (share of negatives ranked below X_i, ties ½)
/// V01_j = 1 − (T_Z(Y_j) − T_Y(Y_j)) / m      (share of positives ranked above Y_j, ties ½)
/// AUC   = Σ_i V10_i / m                       (the Mann–Whitney statistic)
/// Var   = S10/m + S01/n,   S10 = Σ (V10_i − AUC)²/(m − 1),   S01 = Σ (V01_j − AUC)²/(n − 1)
/// ```
///
/// Ties count one half, so `auroc` equals `sklearn.metrics.roc_auc_score` (and
/// ``BinaryRanking/rocAUC``) with ties. The interval is the normal approximation
/// `AUC ± z·√Var`, `z = Φ⁻¹(1 − α/2)`, **clipped to [0, 1]** (no logit transform).
/// It assumes the samples are independent; it is optimistic for very small classes.
///
/// Edge cases: no value without both classes (the initialiser returns `nil`); with a
/// single positive or a single negative the variance and the interval bounds are NaN
/// (a sample variance needs two samples).
///
/// - Complexity: O(N log N).
public struct DeLongAUROC: Sendable {
  /// The area under the ROC curve.
  public let auroc: Double
  /// DeLong's estimate of its variance.
  public let variance: Double
  /// `auroc ± z·√variance`, clipped to [0, 1].
  public let interval: ConfidenceInterval
  /// The structural components `V10` (one per positive, in sample order) and `V01` (one
  /// per negative).
  public let positiveComponents: [Double], negativeComponents: [Double]

  /// Ranks `scores`; `positive[i]` tells whether sample `i` is a positive. `nil` when
  /// either class is absent.
  /// - Precondition: equal lengths; no NaN score; `0 < confidence < 1`.
  public init?(scores: [Double], positive: [Bool], confidence: Double = 0.95) {
    precondition(scores.count == positive.count, "scores and labels differ in length")
    let positives = scores.indices.filter { positive[$0] }, negatives = scores.indices.filter { !positive[$0] }
    guard !positives.isEmpty, !negatives.isEmpty else { return nil }
    let m = Double(positives.count), n = Double(negatives.count)
    let all = midranks(scores)
    let withinPositives = midranks(positives.map { scores[$0] })
    let withinNegatives = midranks(negatives.map { scores[$0] })
    var above = 0.0
    positiveComponents = positives.indices.map { i in
      let count = all[positives[i]] - withinPositives[i]
      above += count
      return count / n
    }
    negativeComponents = negatives.indices.map { j in 1 - (all[negatives[j]] - withinNegatives[j]) / m }
    auroc = above / (m * n)
    variance = Self.covariance(positiveComponents, positiveComponents) / m
      + Self.covariance(negativeComponents, negativeComponents) / n
    let half = NormalDistribution.criticalValue(confidence: confidence) * variance.squareRoot()
    interval = ConfidenceInterval(estimate: auroc, halfWidth: half, clippedTo: 0...1, confidence: confidence)
  }

  /// DeLong's covariance of this AUC with `other`'s, computed on the same samples:
  /// `S10(a, b)/m + S01(a, b)/n`.
  public func covariance(with other: DeLongAUROC) -> Double {
    precondition(
      positiveComponents.count == other.positiveComponents.count && negativeComponents.count == other.negativeComponents.count,
      "AUCs of different samples")
    return Self.covariance(positiveComponents, other.positiveComponents) / Double(positiveComponents.count)
      + Self.covariance(negativeComponents, other.negativeComponents) / Double(negativeComponents.count)
  }

  /// The sample covariance `Σ (a_i − ā)(b_i − b̄) / (k − 1)` (`numpy.cov`); NaN for k < 2.
  /// Used for variances too, so that `covariance(a, a)` is the variance bit for bit.
  static func covariance(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count > 1 else { return .nan }
    let k = Double(a.count)
    let meanA = a.reduce(0, +) / k, meanB = b.reduce(0, +) / k
    var sum = 0.0
    for i in a.indices { sum += (a[i] - meanA) * (b[i] - meanB) }
    return sum / (k - 1)
  }
}
