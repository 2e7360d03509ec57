// ssl-quality · StratifiedBootstrap.swift — seeded percentile bootstrap, classes resampled apart.

/// A stratified bootstrap percentile interval for a statistic of `(scores, positive)`
/// (B. Efron & R. J. Tibshirani, *An Introduction to the Bootstrap*, 1993, ch. 13, the
/// percentile interval): each of `resamples` replicates draws the `m` positives from the
/// positives and the `n` negatives from the negatives, uniformly with replacement, so every
/// replicate keeps the class balance (and a statistic such as average precision stays
/// defined); the statistic of each replicate is kept and the interval is
///
/// ```
/// [ percentile(θ*, 100·α/2), percentile(θ*, 100·(1 − α/2)) ]
/// ```
///
/// with numpy's default `linear` percentile (``Percentile/linear(_:_:)``: the
/// `q/100·(B − 1)`-th order statistic, interpolated). If any replicate's statistic is NaN,
/// both bounds are NaN (as `numpy.percentile` returns).
///
/// Reproducible: replicate `r` draws from its own ``SeededGenerator`` seeded with the
/// `r`-th output of a generator seeded with `seed`, so the interval depends only on the
/// seed, the inputs and `resamples`, never on how the work is scheduled. An index below
/// `k` is ``SeededGenerator/index(below:)`` (Lemire's multiply-shift, bias below k/2⁶⁴).
/// Replicates are computed one after the other.
///
/// It assumes independent samples; the percentile interval is first-order accurate and
/// may under-cover for small classes or a statistic near its bound.
public struct StratifiedBootstrap: Sendable {
  /// Number of replicates `B` and the seed.
  public let resamples: Int, seed: UInt64

  /// - Precondition: `resamples > 0`.
  public init(resamples: Int, seed: UInt64) {
    precondition(resamples > 0, "at least one resample")
    self.resamples = resamples
    self.seed = seed
  }

  /// The statistic on the full sample, the interval and the replicates' statistics (in
  /// replicate order).
  public struct Outcome: Sendable {
    public let estimate: Double
    public let interval: ConfidenceInterval
    public let replicates: [Double]
  }

  /// Bootstraps `statistic`, called with one replicate's scores and labels (positives
  /// first). `nil` when either class is absent.
  /// - Precondition: equal lengths; `0 < confidence < 1`.
  public func interval(
    scores: [Double], positive: [Bool], confidence: Double = 0.95, statistic: ([Double], [Bool]) -> Double
  ) -> Outcome? {
    precondition(scores.count == positive.count, "scores and labels differ in length")
    let positives = scores.indices.filter { positive[$0] }.map { scores[$0] }
    let negatives = scores.indices.filter { !positive[$0] }.map { scores[$0] }
    guard !positives.isEmpty, !negatives.isEmpty else { return nil }
    let labels = [Bool](repeating: true, count: positives.count) + [Bool](repeating: false, count: negatives.count)
    var seeds = SeededGenerator(seed: seed)
    var replicates = [Double]()
    replicates.reserveCapacity(resamples)
    for _ in 0..<resamples {
      var generator = SeededGenerator(seed: seeds.next())
      let drawn = Self.draw(positives, using: &generator) + Self.draw(negatives, using: &generator)
      replicates.append(statistic(drawn, labels))
    }
    return Outcome(
      estimate: statistic(scores, positive), interval: Self.percentileInterval(replicates, confidence: confidence), replicates: replicates)
  }

  /// The stratified bootstrap interval of average precision
  /// (``BinaryRanking/averagePrecision``, `sklearn.metrics.average_precision_score`).
  ///
  /// The same draws and the same bits as ``interval(scores:positive:confidence:statistic:)``
  /// with that statistic, without a sort per replicate: the distinct scores are ranked once,
  /// and a replicate counts how often each is drawn among the positives and the negatives,
  /// so its ranking (``BinaryRanking``: the cumulative counts at each drawn score,
  /// descending) is exactly the one sorting the drawn scores would give.
  ///
  /// - Complexity: O(N log N) once, then O(N + U) per replicate (`U` distinct scores).
  /// - Precondition: equal lengths; no NaN score; `0 < confidence < 1`.
  public func averagePrecision(scores: [Double], positive: [Bool], confidence: Double = 0.95) -> Outcome? {
    precondition(scores.count == positive.count, "scores and labels differ in length")
    precondition(!scores.contains(where: \.isNaN), "NaN score")
    let distinct = Array(Set(scores)).sorted(by: >)
    var rankOf: [Double: Int] = [:]
    for (rank, value) in distinct.enumerated() { rankOf[value] = rank }
    let ranks = scores.map { rankOf[$0] ?? 0 }
    let positives = scores.indices.filter { positive[$0] }.map { ranks[$0] }
    let negatives = scores.indices.filter { !positive[$0] }.map { ranks[$0] }
    guard !positives.isEmpty, !negatives.isEmpty else { return nil }
    var seeds = SeededGenerator(seed: seed)
    var replicates = [Double]()
    replicates.reserveCapacity(resamples)
    var drawnPositives = [Int](repeating: 0, count: distinct.count), drawnNegatives = drawnPositives
    for _ in 0..<resamples {
      var generator = SeededGenerator(seed: seeds.next())
      for k in distinct.indices { (drawnPositives[k], drawnNegatives[k]) = (0, 0) }
      for _ in positives.indices { drawnPositives[positives[generator.index(below: positives.count)]] += 1 }
      for _ in negatives.indices { drawnNegatives[negatives[generator.index(below: negatives.count)]] += 1 }
      var thresholds: [Double] = [], truePositives: [Int] = [], falsePositives: [Int] = []
      var tp = 0, fp = 0
      for k in distinct.indices where drawnPositives[k] + drawnNegatives[k] > 0 {
        tp += drawnPositives[k]
        fp += drawnNegatives[k]
        thresholds.append(distinct[k])
        truePositives.append(tp)
        falsePositives.append(fp)
      }
      replicates.append(BinaryRanking(thresholds: thresholds, truePositives: truePositives, falsePositives: falsePositives).averagePrecision)
    }
    return Outcome(
      estimate: BinaryRanking(scores: scores, positive: positive).averagePrecision,
      interval: Self.percentileInterval(replicates, confidence: confidence), replicates: replicates)
  }

  /// The percentile interval of `statistics` (any order): numpy's `linear` percentiles at
  /// `100·α/2` and `100·(1 − α/2)`; NaN bounds if any statistic is NaN.
  /// - Precondition: not empty; `0 < confidence < 1`.
  public static func percentileInterval(_ statistics: [Double], confidence: Double) -> ConfidenceInterval {
    precondition(confidence > 0 && confidence < 1, "confidence must lie in (0, 1)")
    guard !statistics.contains(where: \.isNaN) else { return ConfidenceInterval(lower: .nan, upper: .nan, confidence: confidence) }
    let sorted = statistics.sorted(), alpha = 1 - confidence
    guard let lower = Percentile.linear(sorted, 100 * alpha / 2), let upper = Percentile.linear(sorted, 100 * (1 - alpha / 2)) else {
      preconditionFailure("no statistics")
    }
    return ConfidenceInterval(lower: lower, upper: upper, confidence: confidence)
  }

  /// `values.count` values drawn uniformly with replacement.
  private static func draw(_ values: [Double], using generator: inout SeededGenerator) -> [Double] {
    values.indices.map { _ in values[generator.index(below: values.count)] }
  }
}
