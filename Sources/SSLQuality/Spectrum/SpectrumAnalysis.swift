// ssl-quality · SpectrumAnalysis.swift — every spectral measure of one representation.

import Foundation

/// The label-free spectral measures of an `n × D` representation `H`, from its
/// ``SecondMoments`` (one pass over the rows) and one symmetric eigendecomposition each of
/// the uncentred and the centred Gram matrix (LAPACK `dsyevd`).
///
/// - `rankme`, `rankme_centered`: ``SpectralMeasures/rankMe(gramEigenvalues:samples:)`` of
///   `H` and of `H − 1 h̄` (column means removed).
/// - `eigenvalues`: the population covariance eigenvalues `λ_k`, descending (negative
///   round-off clipped to 0).
/// - `alpha`: α-ReQ, ``SpectralMeasures/powerLawFit(eigenvalues:ranks:)`` of `λ` over
///   `alpha_range` (requested ranks, clipped to the positive eigenvalues).
/// - `effective_rank`: ``SpectralMeasures/effectiveRank(eigenvalues:)`` of `λ`.
/// - `dead_features`: features that are zero in every row.
/// - `collapse_std`: the mean over features of the population standard deviation of the
///   L2-normalised rows. A collapsed representation (all rows on one direction) gives 0;
///   rows spread evenly over the sphere give about `1/√D` (`collapse_reference`), as in
///   lightly's `std_of_l2_normalized` check (which uses the sample standard deviation).
public struct SpectrumResult: Sendable, Equatable, Codable {
  public var samples: Int
  public var features: Int
  public var rankme: Double
  public var rankmeCentered: Double
  /// `nil` when fewer than two positive eigenvalues fall in the range.
  public var alpha: Double?
  /// `[lo, hi]` actually fitted (or as requested when no fit was possible).
  public var alphaRange: [Int]
  public var alphaIntercept: Double?
  public var alphaR2: Double?
  public var effectiveRank: Double
  public var deadFeatures: Int
  public var deadFeatureIndices: [Int]
  public var collapseStd: Double
  public var collapseReference: Double
  public var eigenvalues: [Double]
  /// With two views: alignment and uniformity.
  public var views: ViewAgreement?

  enum CodingKeys: String, CodingKey {
    case samples, features, rankme, alpha, eigenvalues, views
    case rankmeCentered = "rankme_centered", alphaRange = "alpha_range", alphaIntercept = "alpha_intercept"
    case alphaR2 = "alpha_r2", effectiveRank = "effective_rank", deadFeatures = "dead_features"
    case deadFeatureIndices = "dead_feature_indices", collapseStd = "collapse_std", collapseReference = "collapse_reference"
  }

  /// Computes every measure from the sums of the rows.
  ///
  /// - Throws: ``LinearAlgebraError`` when LAPACK does not converge.
  public init(moments: SecondMoments, alphaRange: ClosedRange<Int> = SpectralMeasures.defaultAlphaRange) throws {
    let d = moments.columns, n = moments.count
    samples = n
    features = d
    rankme = SpectralMeasures.rankMe(gramEigenvalues: try LinearAlgebra.symmetricEigenvalues(moments.gram, dimension: d), samples: n)
    let centred = try LinearAlgebra.symmetricEigenvalues(moments.centeredGram, dimension: d)
    rankmeCentered = SpectralMeasures.rankMe(gramEigenvalues: centred, samples: n)
    eigenvalues = centred.map { n > 0 ? max($0, 0) / Double(n) : 0 }
    let fit = SpectralMeasures.powerLawFit(eigenvalues: eigenvalues, ranks: alphaRange)
    alpha = fit?.alpha
    alphaIntercept = fit?.intercept
    alphaR2 = fit?.r2
    self.alphaRange = fit.map { [$0.ranks.lowerBound, $0.ranks.upperBound] } ?? [alphaRange.lowerBound, alphaRange.upperBound]
    effectiveRank = SpectralMeasures.effectiveRank(eigenvalues: eigenvalues)
    deadFeatureIndices = moments.nonzero.indices.filter { !moments.nonzero[$0] }
    deadFeatures = deadFeatureIndices.count
    var std = 0.0
    if n > 0 {
      for j in 0..<d {
        let mean = moments.normalizedSum[j] / Double(n)
        std += max(0, moments.normalizedSquares[j] / Double(n) - mean * mean).squareRoot()
      }
    }
    collapseStd = d > 0 ? std / Double(d) : 0
    collapseReference = d > 0 ? 1 / Double(d).squareRoot() : 0
    views = nil
  }
}
