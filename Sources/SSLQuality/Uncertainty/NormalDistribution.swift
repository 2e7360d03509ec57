// ssl-quality · NormalDistribution.swift — the standard normal quantile and two-sided tail.

import Foundation

/// The standard normal distribution N(0, 1): its quantile function Φ⁻¹ to full double
/// precision and the two-sided tail probability used by z-tests.
public enum NormalDistribution {
  /// Φ⁻¹(p), the `p`-quantile of N(0, 1) (`scipy.stats.norm.ppf`); −∞ at 0, +∞ at 1, NaN
  /// outside [0, 1].
  ///
  /// Acklam's rational approximation (P. J. Acklam, "An algorithm for computing the
  /// inverse normal cumulative distribution function", 2003; relative error below
  /// 1.15·10⁻⁹), refined by one Halley step on `e = Φ(x) − p` with
  /// `Φ(x) = erfc(−x/√2)/2`:
  ///
  /// ```
  /// u = e·√(2π)·exp(x²/2),   x ← x − u / (1 + x·u/2)
  /// ```
  ///
  /// The step is taken in the lower half (p ≤ 1/2, where `erfc` keeps relative accuracy in
  /// the tail); the upper half follows from Φ⁻¹(p) = −Φ⁻¹(1 − p), where `1 − p` is exact.
  /// Agrees with scipy to about 1e-15 relative.
  public static func quantile(_ p: Double) -> Double {
    guard p >= 0, p <= 1 else { return .nan }
    if p == 0 { return -.infinity }
    if p == 1 { return .infinity }
    if p > 0.5 { return -quantile(1 - p) }
    var x = acklam(p)
    let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
    let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
    x -= u / (1 + x * u / 2)
    return x
  }

  /// The critical value `z = Φ⁻¹(1 − α/2)` of a two-sided interval at `confidence = 1 − α`
  /// (1.959963984540054 at 95%).
  public static func criticalValue(confidence: Double) -> Double {
    precondition(confidence > 0 && confidence < 1, "confidence must lie in (0, 1)")
    return quantile(1 - (1 - confidence) / 2)
  }

  /// The two-sided p-value of a standard normal statistic, `P(|Z| ≥ |z|) = erfc(|z|/√2)`;
  /// NaN for NaN.
  public static func twoSidedPValue(_ z: Double) -> Double { erfc(abs(z) / 2.0.squareRoot()) }

  /// Acklam's approximation for 0 < p ≤ 1/2 (lower region below 0.02425, central above).
  private static func acklam(_ p: Double) -> Double {
    let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
    let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    if p < 0.02425 {
      let q = (-2 * log(p)).squareRoot()
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
        / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    let q = p - 0.5, r = q * q
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
      / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  }
}
