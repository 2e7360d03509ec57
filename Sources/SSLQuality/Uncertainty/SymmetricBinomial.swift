// ssl-quality · SymmetricBinomial.swift — tail probabilities of Bin(N, 1/2), stable for large N.

import Foundation

/// The binomial distribution with success probability ½, `P(X = i) = C(N, i)·2⁻ᴺ`, whose
/// lower tail is the exact McNemar test.
///
/// Probabilities are formed in log space by Loader's saddle-point expansion (C. Loader,
/// "Fast and accurate computation of binomial probabilities", 2000; the method of R's
/// `dbinom`), which avoids the cancellation of `lgamma(N+1) − lgamma(i+1) − lgamma(N−i+1)`
/// (about 1e-9 relative at N = 10⁶):
///
/// ```
/// log P(X = i) = δ(N) − δ(i) − δ(N−i) − D(i, N/2) − D(N−i, N/2) + ½·log(N / (2π·i·(N−i)))
/// δ(k) = log k! − (k + ½)·log k + k − ½·log 2π          (Stirling's error)
/// D(x, μ) = x·log(x/μ) + μ − x                          (deviance, by series near x = μ)
/// ```
enum SymmetricBinomial {
  /// `log P(X ≤ k)` for `X ~ Bin(trials, ½)`, `k ≤ trials/2`.
  ///
  /// The terms grow towards the mode, so the sum runs down from `i = k` by the exact ratio
  /// `P(X = i−1)/P(X = i) = i/(N − i + 1)` and stops once a term no longer changes it;
  /// it is scaled by `P(X = k)`, so nothing underflows before the final `exp`.
  ///
  /// - Complexity: at most min(k, about 4.3·√N) terms (the terms fall like exp(−2j²/N)
  ///   from the median, below 2⁻⁵³ of the first after 4.3·√N).
  static func logLowerTail(atMost k: Int, trials n: Int) -> Double {
    precondition(k >= 0 && 2 * k <= n, "the lower tail is summed up to the median")
    var sum = 1.0, term = 1.0
    var i = k
    while i > 0 {
      term *= Double(i) / Double(n - i + 1)
      let next = sum + term
      if next == sum { break }
      sum = next
      i -= 1
    }
    return logProbability(k, trials: n) + log(sum)
  }

  /// `log P(X = k)` for `X ~ Bin(trials, ½)`.
  static func logProbability(_ k: Int, trials n: Int) -> Double {
    precondition(k >= 0 && k <= n, "outcome out of range")
    if k == 0 || k == n { return -Double(n) * log(2.0) }
    let (nn, kk) = (Double(n), Double(k)), mean = nn / 2
    return stirlingError(nn) - stirlingError(kk) - stirlingError(nn - kk) - deviance(kk, mean) - deviance(nn - kk, mean)
      + 0.5 * log(nn / (2 * Double.pi * kk * (nn - kk)))
  }

  /// δ(k) = log k! − (k + ½)·log k + k − ½·log 2π: from `lgamma` up to 15 (where its
  /// value is small and the cancellation harmless in absolute terms), else Stirling's series
  /// 1/(12k) − 1/(360k³) + 1/(1260k⁵) − 1/(1680k⁷) + 1/(1188k⁹), truncated as Loader does.
  static func stirlingError(_ k: Double) -> Double {
    if k <= 15 { return lgamma(k + 1) - (k + 0.5) * log(k) + k - 0.5 * log(2 * Double.pi) }
    let (s0, s1, s2, s3, s4) = (1.0 / 12, 1.0 / 360, 1.0 / 1260, 1.0 / 1680, 1.0 / 1188)
    let k2 = k * k
    if k > 500 { return (s0 - s1 / k2) / k }
    if k > 80 { return (s0 - (s1 - s2 / k2) / k2) / k }
    if k > 35 { return (s0 - (s1 - (s2 - s3 / k2) / k2) / k2) / k }
    return (s0 - (s1 - (s2 - (s3 - s4 / k2) / k2) / k2) / k2) / k
  }

  /// D(x, μ) = x·log(x/μ) + μ − x; near `x = μ` by the series in `v = (x − μ)/(x + μ)`,
  /// `D = (x − μ)·v + 2x·Σ_{j≥1} v^{2j+1}/(2j+1)`, which keeps relative accuracy.
  static func deviance(_ x: Double, _ mu: Double) -> Double {
    guard abs(x - mu) < 0.1 * (x + mu) else { return x * log(x / mu) + mu - x }
    let v = (x - mu) / (x + mu), v2 = v * v
    var sum = (x - mu) * v, power = 2 * x * v
    var j = 1.0
    while true {
      power *= v2
      let next = sum + power / (2 * j + 1)
      if next == sum { return next }
      sum = next
      j += 1
    }
  }
}
