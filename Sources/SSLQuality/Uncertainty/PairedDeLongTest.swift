// ssl-quality · PairedDeLongTest.swift — DeLong's test of two AUCs on the same samples.

/// DeLong's paired test of two scores ranking the same samples (DeLong, DeLong &
/// Clarke-Pearson, Biometrics 44, 1988, §3; components by Sun & Xu 2014, see
/// ``DeLongAUROC``). The two AUCs are correlated, so the variance of their difference
/// uses the covariance of their structural components:
///
/// ```
/// Δ   = AUC₁ − AUC₂
/// Var = Var₁ + Var₂ − 2·Cov₁₂,   Cov₁₂ = S10(1, 2)/m + S01(1, 2)/n
/// z   = Δ / √Var,                p = P(|Z| ≥ |z|) = erfc(|z|/√2)
/// ```
///
/// with the interval `Δ ± z_{1−α/2}·√Var` clipped to [−1, 1]. When `Var` is zero or, by
/// rounding, negative (a score compared with itself, or two scores ranking every sample
/// the same way), `z = 0` and `p = 1` if `Δ = 0`, and both are NaN otherwise; with a
/// single positive or negative they and the interval bounds are NaN (see ``DeLongAUROC``).
/// It assumes independent samples and relies on the normal approximation of Δ.
public struct PairedDeLongTest: Sendable {
  /// Each score's AUC and variance.
  public let first: DeLongAUROC, second: DeLongAUROC
  /// `AUC₁ − AUC₂`, its variance and the covariance of the two AUCs.
  public let difference: Double, variance: Double, covariance: Double
  /// `difference ± z·√variance`, clipped to [−1, 1].
  public let interval: ConfidenceInterval
  /// The standard normal statistic and its two-sided p-value.
  public let z: Double, pValue: Double

  /// `nil` when either class is absent.
  /// - Precondition: the three arrays have equal lengths; no NaN score; `0 < confidence < 1`.
  public init?(first firstScores: [Double], second secondScores: [Double], positive: [Bool], confidence: Double = 0.95) {
    precondition(firstScores.count == secondScores.count, "the two scores differ in length")
    guard let first = DeLongAUROC(scores: firstScores, positive: positive, confidence: confidence),
      let second = DeLongAUROC(scores: secondScores, positive: positive, confidence: confidence)
    else { return nil }
    self.first = first
    self.second = second
    difference = first.auroc - second.auroc
    covariance = first.covariance(with: second)
    variance = first.variance + second.variance - 2 * covariance
    let spread = variance > 0 ? variance.squareRoot() : variance.isNaN ? .nan : 0
    interval = ConfidenceInterval(
      estimate: difference, halfWidth: NormalDistribution.criticalValue(confidence: confidence) * spread, clippedTo: -1...1,
      confidence: confidence)
    if spread > 0 {
      z = difference / spread
      pValue = NormalDistribution.twoSidedPValue(z)
    } else if spread.isNaN || difference != 0 {
      (z, pValue) = (.nan, .nan)
    } else {
      (z, pValue) = (0, 1)
    }
  }
}
