// ssl-quality · SpectrumResult.swift — every spectral measure of one representation.

import Foundation
import Synchronization

/// The label-free spectral measures of an `n × D` representation `H`, from its
/// ``SecondMoments`` (one pass over the rows) and one symmetric eigendecomposition each of
/// the uncentred and the centred Gram matrix (LAPACK `dsyevd_2stage`, the two on two threads when
/// there are two): the `D × D` ones, or when `n < D` the `n × n` ones of the rows
/// (``SampleGram``), which have the same non-zero eigenvalues.
///
/// - `rankme`, `rankme_centered`: ``SpectralMeasures/rankMe(gramEigenvalues:samples:)`` of
///   `H` and of `H − 1 h̄` (column means removed).
///   ``rankmeShareOfFeatures`` and ``rankmeShareOfBound`` read RankMe against `D` and
///   against its largest possible value `min(n, D)`.
/// - `eigenvalues`: the `D` population covariance eigenvalues `λ_k`, descending (negative
///   round-off clipped to 0; from the rows' Gram matrix, the `D − n` beyond its `n` are 0).
/// - `alpha`: α-ReQ, ``SpectralMeasures/powerLawFit(eigenvalues:ranks:)`` of `λ` over
///   `alpha_range` (requested ranks, clipped to the positive eigenvalues).
/// - `effective_rank`: ``SpectralMeasures/effectiveRank(eigenvalues:)`` of `λ`.
/// - `dead_features`: features that are zero in every row.
/// - `collapse_std`: the mean over features of the population standard deviation of the
///   L2-normalised rows. A collapsed representation (all rows on one direction) gives 0;
///   rows spread evenly over the sphere give about `1/√D` (`collapse_reference`), as in
///   lightly's `std_of_l2_normalized` check (which uses the sample standard deviation).
/// - `bootstrap`: set by the caller, the row bootstrap's intervals (``SpectrumBootstrap``).
public struct SpectrumResult: Sendable, Equatable {
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
  /// With a bootstrap over rows: the intervals of RankMe and α-ReQ.
  public var bootstrap: SpectrumBootstrap.Intervals?

  /// RankMe as a share of `D`, and of its largest possible value `min(n, D)` (0 without rows
  /// or features).
  public var rankmeShareOfFeatures: Double { features > 0 ? rankme / Double(features) : 0 }
  public var rankmeShareOfBound: Double { min(samples, features) > 0 ? rankme / Double(min(samples, features)) : 0 }

  /// A result from its values, as read back from a file.
  public init(
    samples: Int, features: Int, rankme: Double, rankmeCentered: Double, alpha: Double?, alphaRange: [Int],
    alphaIntercept: Double?, alphaR2: Double?, effectiveRank: Double, deadFeatures: Int, deadFeatureIndices: [Int],
    collapseStd: Double, collapseReference: Double, eigenvalues: [Double], views: ViewAgreement?,
    bootstrap: SpectrumBootstrap.Intervals? = nil
  ) {
    self.bootstrap = bootstrap
    (self.samples, self.features, self.rankme, self.rankmeCentered) = (samples, features, rankme, rankmeCentered)
    (self.alpha, self.alphaRange, self.alphaIntercept, self.alphaR2) = (alpha, alphaRange, alphaIntercept, alphaR2)
    (self.effectiveRank, self.deadFeatures, self.deadFeatureIndices) = (effectiveRank, deadFeatures, deadFeatureIndices)
    (self.collapseStd, self.collapseReference, self.eigenvalues, self.views) = (collapseStd, collapseReference, eigenvalues, views)
  }

  /// Computes every measure from the sums of the rows, decomposing their `D × D` Gram
  /// matrix and its centred copy on up to two of `context`'s threads (the bits do not
  /// depend on the thread count). Pass the last reference to `moments` (`consume`) to spare
  /// a copy of its Gram matrix.
  ///
  /// - Throws: ``LinearAlgebraError`` when LAPACK does not converge.
  public init(
    moments: consuming SecondMoments, alphaRange: ClosedRange<Int> = SpectralMeasures.defaultAlphaRange,
    context: ExecutionContext = .serial
  ) throws {
    var sums = consume moments
    let centred = sums.centeredGram
    let (plain, centredValues) = try Self.eigenvalues(sums.takeGram(), centred, dimension: sums.columns, context: context)
    self.init(sums: sums, gramEigenvalues: plain, centredEigenvalues: centredValues, alphaRange: alphaRange)
  }

  /// Computes every measure from the per-feature sums of the rows (``SecondMoments`` without
  /// its Gram matrix) and the Gram matrix of those rows, when there are fewer rows than
  /// columns. The centred spectrum has `n − 1` eigenvalues at most; the `n`-th is set to 0.
  ///
  /// - Throws: ``LinearAlgebraError`` when LAPACK does not converge.
  public init(
    sums: SecondMoments, sampleGram: consuming SampleGram, alphaRange: ClosedRange<Int> = SpectralMeasures.defaultAlphaRange,
    context: ExecutionContext = .serial
  ) throws {
    var rows = consume sampleGram
    let centred = rows.centeredGram
    var (plain, centredValues) = try Self.eigenvalues(rows.takeGram(), centred, dimension: rows.samples, context: context)
    // The centred rows have rank at most n − 1 (`C 1 = 0`): the smallest eigenvalue of `K_c`
    // is round-off, which α-ReQ would otherwise fit as the tail of the spectrum.
    if !centredValues.isEmpty { centredValues[centredValues.count - 1] = 0 }
    self.init(sums: sums, gramEigenvalues: plain, centredEigenvalues: centredValues, alphaRange: alphaRange)
  }

  /// The descending eigenvalues of two symmetric matrices (upper triangles), one
  /// `dsyevd_2stage` each, on two of `context`'s threads when it has two. Each matrix is
  /// decomposed in place: the matrices are handed over, not copied.
  static func eigenvalues(
    _ plain: consuming [Double], _ centred: consuming [Double], dimension: Int, context: ExecutionContext
  ) throws -> ([Double], [Double]) {
    let matrices = HandOver([consume plain, consume centred])
    let results = context.parallelMap(2) { index in
      let matrix = matrices.take(index)
      return Result { try LinearAlgebra.symmetricEigenvalues(consume matrix, dimension: dimension) }
    }
    return (try results[0].get(), try results[1].get())
  }

  /// Every measure from the per-feature sums and the descending eigenvalues of the
  /// uncentred and the centred Gram matrix (of either side).
  init(sums moments: SecondMoments, gramEigenvalues: [Double], centredEigenvalues centred: [Double], alphaRange: ClosedRange<Int>) {
    let d = moments.columns, n = moments.count
    samples = n
    features = d
    rankme = SpectralMeasures.rankMe(gramEigenvalues: gramEigenvalues, samples: n)
    rankmeCentered = SpectralMeasures.rankMe(gramEigenvalues: centred, samples: n)
    eigenvalues = centred.map { n > 0 ? max($0, 0) / Double(n) : 0 } + repeatElement(0, count: max(0, d - centred.count))
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
    bootstrap = nil
  }
}

/// Matrices handed to the workers that decompose them, each taken out once, so no copy
/// of it stays behind.
private final class HandOver: Sendable {
  private let held: Mutex<[[Double]]>

  init(_ matrices: consuming [[Double]]) { held = Mutex(matrices) }

  /// Matrix `index`, leaving an empty one in its place.
  func take(_ index: Int) -> [Double] {
    held.withLock { held in
      var taken: [Double] = []
      swap(&taken, &held[index])
      return taken
    }
  }
}
