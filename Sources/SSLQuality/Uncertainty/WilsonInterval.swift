// ssl-quality · WilsonInterval.swift — the Wilson score interval of a binomial proportion.

/// The Wilson score interval for a proportion `p̂ = k/n` (E. B. Wilson, "Probable
/// inference, the law of succession, and statistical inference", JASA 22, 1927; the
/// interval recommended by Brown, Cai & DasGupta, Statistical Science 16, 2001), at
/// confidence `1 − α` with `z = Φ⁻¹(1 − α/2)`:
///
/// ```
/// centre    = (p̂ + z²/(2n)) / (1 + z²/n)
/// halfWidth = z / (1 + z²/n) · √( p̂(1 − p̂)/n + z²/(4n²) )
/// ```
///
/// It stays inside [0, 1] and is never empty, unlike the Wald interval `p̂ ± z√(p̂(1−p̂)/n)`.
/// Edge cases: `k = 0` has lower bound exactly 0 and `k = n` upper bound exactly 1 (the
/// formula gives them up to rounding; they are set exactly); `n = 0` has no interval
/// (the initialiser returns `nil`). It assumes `n` independent trials with one success
/// probability (for a probe: test samples drawn independently).
public struct WilsonInterval: Sendable, Equatable {
  /// Successes `k` and trials `n`.
  public let successes: Int, trials: Int
  /// The interval around `k/n`.
  public let interval: ConfidenceInterval

  /// `nil` when `trials == 0`.
  /// - Precondition: `0 ≤ successes ≤ trials`; `0 < confidence < 1`.
  public init?(successes k: Int, trials n: Int, confidence: Double = 0.95) {
    precondition(k >= 0 && k <= n, "successes must lie in 0...trials")
    guard n > 0 else { return nil }
    let z = NormalDistribution.criticalValue(confidence: confidence)
    let nn = Double(n), p = Double(k) / nn, z2 = z * z
    let denominator = 1 + z2 / nn
    let centre = (p + z2 / (2 * nn)) / denominator
    let half = z / denominator * (p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot()
    successes = k
    trials = n
    interval = ConfidenceInterval(
      lower: k == 0 ? 0 : max(0, centre - half), upper: k == n ? 1 : min(1, centre + half), confidence: confidence)
  }

  /// The point estimate `k/n`.
  public var proportion: Double { Double(successes) / Double(trials) }
}
