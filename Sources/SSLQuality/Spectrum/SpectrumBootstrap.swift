// ssl-quality · SpectrumBootstrap.swift — percentile intervals of RankMe and α-ReQ by resampling rows.

/// Percentile intervals of RankMe (uncentred and centred) and α-ReQ by the bootstrap over
/// rows (B. Efron & R. J. Tibshirani, *An Introduction to the Bootstrap*, 1993, ch. 13):
/// each of `resamples` replicates draws `n` rows of the `n × D` matrix uniformly with
/// replacement and recomputes the spectrum with the same numerics as the point estimate
/// (``SpectrumResult/measure(_:alphaRange:name:context:)``, one full pass over the rows and
/// two eigendecompositions per replicate); the interval is
///
/// ```
/// [ percentile(θ*, 100·α/2), percentile(θ*, 100·(1 − α/2)) ]
/// ```
///
/// with numpy's `linear` percentile (``StratifiedBootstrap/percentileInterval(_:confidence:)``).
/// A replicate without an α-ReQ fit (fewer than two positive eigenvalues in range) makes
/// the α interval undefined (NaN bounds).
///
/// Reproducible: replicate `r` draws its rows from its own ``SeededGenerator`` seeded with
/// the `r`-th output of a generator seeded with `seed` (as ``StratifiedBootstrap``), so the
/// intervals depend only on the seed, the rows and `resamples`, not on the thread count.
/// Rows holding NaN or ±∞ are drawn like any other and left out of the replicate, as the
/// pass leaves them out of the estimate.
///
/// - Complexity: `resamples` times the cost of the estimate (a pass and two `dsyevd`).
public struct SpectrumBootstrap: Sendable {
  /// Number of replicates `B` and the seed.
  public let resamples: Int, seed: UInt64

  /// - Precondition: `resamples > 0`.
  public init(resamples: Int, seed: UInt64) {
    precondition(resamples > 0, "at least one resample")
    (self.resamples, self.seed) = (resamples, seed)
  }

  /// The intervals of RankMe, centred RankMe and α-ReQ, with the replicates and seed
  /// behind them.
  public struct Intervals: Sendable, Equatable {
    public var resamples: Int, seed: UInt64
    public var rankme: ConfidenceInterval, rankmeCentered: ConfidenceInterval, alpha: ConfidenceInterval

    public init(resamples: Int, seed: UInt64, rankme: ConfidenceInterval, rankmeCentered: ConfidenceInterval, alpha: ConfidenceInterval) {
      (self.resamples, self.seed) = (resamples, seed)
      (self.rankme, self.rankmeCentered, self.alpha) = (rankme, rankmeCentered, alpha)
    }
  }

  /// Resamples the rows of `source` (an empty source has no replicates: `nil`).
  ///
  /// - Throws: ``LinearAlgebraError`` when LAPACK does not converge.
  public func run(
    _ source: some RowSource, alphaRange: ClosedRange<Int> = SpectralMeasures.defaultAlphaRange, confidence: Double = 0.95,
    name: String = "", context: ExecutionContext
  ) throws -> Intervals? {
    guard source.rows > 0 else { return nil }
    var seeds = SeededGenerator(seed: seed)
    var rankme: [Double] = [], centred: [Double] = [], alpha: [Double] = []
    for _ in 0..<resamples {
      var generator = SeededGenerator(seed: seeds.next())
      let rows = (0..<source.rows).map { _ in generator.index(below: source.rows) }.sorted()
      let (replicate, _) = try SpectrumResult.measure(ResampledRows(source, indices: rows), alphaRange: alphaRange, name: name, context: context)
      rankme.append(replicate.rankme)
      centred.append(replicate.rankmeCentered)
      alpha.append(replicate.alpha ?? .nan)
    }
    let interval = { StratifiedBootstrap.percentileInterval($0, confidence: confidence) }
    return Intervals(resamples: resamples, seed: seed, rankme: interval(rankme), rankmeCentered: interval(centred), alpha: interval(alpha))
  }
}
