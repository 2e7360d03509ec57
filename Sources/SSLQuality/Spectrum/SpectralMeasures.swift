// ssl-quality · SpectralMeasures.swift — label-free measures of an eigenspectrum.

import Foundation

/// Measures of a representation's spectrum, each a pure function of eigenvalues.
public enum SpectralMeasures {
  /// RankMe (Garrido et al., "RankMe: Assessing the downstream performance of pretrained
  /// self-supervised representations by their rank", ICML 2023, eq. 1): with `s_k` the
  /// singular values of the `n × D` matrix,
  ///
  /// ```
  /// p_k = s_k / Σ_l s_l + 1e-7,    RankMe = exp(−Σ_k p_k log p_k)
  /// ```
  ///
  /// - Parameter gramEigenvalues: eigenvalues of `XᵀX` (any order); `s_k = √max(λ_k, 0)`
  ///   over the largest `min(samples, D)` of them, the singular values an SVD of `X` returns.
  /// - Returns: a value in `(0, min(n, D)]` up to the `1e-7` smoothing; 0 for no singular values.
  public static func rankMe(gramEigenvalues: [Double], samples: Int) -> Double {
    let singular = gramEigenvalues.sorted(by: >).prefix(min(samples, gramEigenvalues.count)).map { max($0, 0).squareRoot() }
    let total = singular.reduce(0, +)
    guard !singular.isEmpty, total > 0 else { return 0 }
    var entropy = 0.0
    for s in singular {
      let p = s / total + 1e-7
      entropy -= p * log(p)
    }
    return exp(entropy)
  }

  /// Effective rank (Roy & Vetterli, "The effective rank: a measure of effective
  /// dimensionality", EUSIPCO 2007) of the covariance spectrum `λ` (population covariance
  /// eigenvalues): `exp(−Σ_k q_k log q_k)`, `q_k = λ_k / Σ λ` over the positive `λ_k`.
  /// 1 when one direction holds all variance, `D` when all are equal, 0 without variance.
  public static func effectiveRank(eigenvalues: [Double]) -> Double {
    let positive = eigenvalues.filter { $0 > 0 }
    let total = positive.reduce(0, +)
    guard total > 0 else { return 0 }
    var entropy = 0.0
    for value in positive {
      let q = value / total
      entropy -= q * log(q)
    }
    return exp(entropy)
  }

  /// The default ranks of the α-ReQ fit, 6 through 100: reptrix's `get_alpha`
  /// (`fit_range = np.arange(5, 100)`, zero-based indices of the descending spectrum),
  /// which skips the first few eigenvalues to fit the tail of the spectrum.
  public static let defaultAlphaRange = 6...100

  /// α-ReQ (Agrawal et al., "α-ReQ: Assessing representation quality in self-supervised
  /// learning by measuring eigenspectrum decay", NeurIPS 2022): the decay exponent `α` of
  /// a power law `λ_k ∝ k^−α` fitted by ordinary least squares of `log λ_k` on `log k`,
  ///
  /// ```
  /// log λ_k ≈ c − α log k,    k = lo … hi
  /// ```
  ///
  /// over the descending population-covariance eigenvalues, ranks counted from 1 and
  /// inclusive. `hi` is clipped to the number of positive eigenvalues.
  ///
  /// - Returns: `nil` when fewer than two ranks remain.
  public static func powerLawFit(eigenvalues: [Double], ranks: ClosedRange<Int>) -> PowerLawFit? {
    let descending = eigenvalues.sorted(by: >)
    let positive = descending.prefix { $0 > 0 }.count
    let lo = max(1, ranks.lowerBound), hi = min(ranks.upperBound, positive)
    guard hi - lo >= 1 else { return nil }
    let points = (lo...hi).map { (x: log(Double($0)), y: log(descending[$0 - 1])) }
    let m = Double(points.count)
    let meanX = points.reduce(0) { $0 + $1.x } / m, meanY = points.reduce(0) { $0 + $1.y } / m
    var sxx = 0.0, sxy = 0.0, syy = 0.0
    for p in points {
      sxx += (p.x - meanX) * (p.x - meanX)
      sxy += (p.x - meanX) * (p.y - meanY)
      syy += (p.y - meanY) * (p.y - meanY)
    }
    let slope = sxy / sxx
    let intercept = meanY - slope * meanX
    let r2 = syy > 0 ? sxy * sxy / (sxx * syy) : 1
    return PowerLawFit(alpha: -slope, intercept: intercept, r2: r2, ranks: lo...hi)
  }
}

/// A power law `λ_k ≈ exp(intercept) · k^−alpha` fitted over `ranks`.
public struct PowerLawFit: Sendable, Equatable {
  /// The decay exponent (minus the slope in log-log).
  public var alpha: Double
  /// The intercept `c` of `log λ_k ≈ c − α log k`.
  public var intercept: Double
  /// Coefficient of determination of the log-log fit.
  public var r2: Double
  /// The ranks fitted, after clipping.
  public var ranks: ClosedRange<Int>
}
