// ssl-quality · ScoreResult.swift — the result of `score`, the documented `score --json` document.

import SSLQuality

/// The result of ``ScoreAnalysis``.
public struct ScoreResult: Codable, Sendable, Equatable {
  public var samples: Int, features: Int
  public var epsilon: Double
  /// `[lo, hi]` percentiles.
  public var band: [Double]
  /// `none` or `zscore`.
  public var normalize: String
  /// The `--discriminative-from` file, when given.
  @NullWhenAbsent public var discriminativeFrom: String?
  public var dsetSource: DiscriminativeSource
  /// `[P(lo), P(hi)]` of the non-zero activation frequencies, `null` when no feature is
  /// ever highly active.
  @NullWhenAbsent public var thresholds: [Double]?
  public var discriminativeCount: Int
  /// Finite samples with no highly-active discriminative feature (Q = 0).
  public var emptyCount: Int
  /// Samples free of NaN and ±∞ (not part of the JSON; `samples` minus the rows left out).
  public var finiteSamples: Int
  /// Summary of the finite Q-Scores.
  public var q: Distribution
  public var sanity: Sanity
  /// Present when labels were given.
  public var misclassification: Misclassification?
  public var warnings: [ReportedWarning]
  /// The `--lowest` samples, lowest Q first; ties (many samples at Q = 0) by the lower
  /// `max_z`, then row order; absent unless asked for.
  public var lowest: [SampleEntry]?
  /// How the `--lowest` samples are ordered (``lowestTieBreak``); absent without `lowest`.
  public var lowestOrder: String?
  public var seconds: Double

  /// The order of the `--lowest` samples, as the result states it.
  public static let lowestTieBreak = "q ascending; ties by max_z ascending, then row"


  enum CodingKeys: String, OrderedCodingKey {
    case samples, features, epsilon, band, normalize
    case discriminativeFrom = "discriminative_from", dsetSource = "dset_source", thresholds
    case discriminativeCount = "discriminative_count", emptyCount = "empty_count"
    case q, sanity, misclassification, warnings, lowest, lowestOrder = "lowest_order", seconds
  }

  public init(
    samples: Int, features: Int, epsilon: Double, band: [Double], normalize: String, discriminativeFrom: String?,
    dsetSource: DiscriminativeSource, thresholds: [Double]?, discriminativeCount: Int, emptyCount: Int, finiteSamples: Int,
    q: Distribution, sanity: Sanity, misclassification: Misclassification?, warnings: [ReportedWarning], lowest: [SampleEntry]?,
    seconds: Double
  ) {
    (self.samples, self.features, self.epsilon, self.band, self.normalize) = (samples, features, epsilon, band, normalize)
    (self.discriminativeFrom, self.dsetSource, self.thresholds) = (discriminativeFrom, dsetSource, thresholds)
    (self.discriminativeCount, self.emptyCount, self.finiteSamples) = (discriminativeCount, emptyCount, finiteSamples)
    (self.q, self.sanity, self.misclassification) = (q, sanity, misclassification)
    (self.warnings, self.lowest, self.seconds) = (warnings, lowest, seconds)
    lowestOrder = lowest.map { _ in Self.lowestTieBreak }
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    samples = try c.decode(Int.self, forKey: .samples)
    features = try c.decode(Int.self, forKey: .features)
    epsilon = try c.decode(Double.self, forKey: .epsilon)
    band = try c.decode([Double].self, forKey: .band)
    normalize = try c.decode(String.self, forKey: .normalize)
    _discriminativeFrom = try c.decode(NullWhenAbsent<String>.self, forKey: .discriminativeFrom)
    dsetSource = try c.decode(DiscriminativeSource.self, forKey: .dsetSource)
    _thresholds = try c.decode(NullWhenAbsent<[Double]>.self, forKey: .thresholds)
    discriminativeCount = try c.decode(Int.self, forKey: .discriminativeCount)
    emptyCount = try c.decode(Int.self, forKey: .emptyCount)
    sanity = try c.decode(Sanity.self, forKey: .sanity)
    finiteSamples = samples - sanity.nanRows
    q = try c.decode(Distribution.self, forKey: .q)
    misclassification = try c.decodeIfPresent(Misclassification.self, forKey: .misclassification)
    warnings = try c.decode([ReportedWarning].self, forKey: .warnings)
    lowest = try c.decodeIfPresent([SampleEntry].self, forKey: .lowest)
    lowestOrder = try c.decodeIfPresent(String.self, forKey: .lowestOrder)
    seconds = try c.decode(Double.self, forKey: .seconds)
  }

  /// Mean, population standard deviation, minimum, median and maximum of the finite
  /// Q-Scores (`null` when there are none), in their documented order.
  public typealias Distribution = QSummary

  /// The sanity checks of the pass.
  public struct Sanity: Codable, Sendable, Equatable {
    public var nanRows: Int, firstNanRows: [Int], zeroRows: Int, constantColumns: Int
    public var negativeShare: Double

    enum CodingKeys: String, OrderedCodingKey {
      case nanRows = "nan_rows", firstNanRows = "first_nan_rows", zeroRows = "zero_rows", constantColumns = "constant_columns"
      case negativeShare = "negative_share"
    }

    public init(_ statistics: MatrixStatistics) {
      nanRows = statistics.nonFiniteRows
      firstNanRows = statistics.firstNonFiniteRows
      zeroRows = statistics.zeroRows
      constantColumns = statistics.constantColumns
      negativeShare = statistics.negativeShare
    }
  }

  /// How well each score predicts the probe's mistakes, on the finite rows.
  public struct Misclassification: Codable, Sendable, Equatable {
    /// The probe's accuracy (the base rate of AUPRC-correct) and its Wilson interval
    /// (`null` without samples).
    @FiniteOrNull public var accuracy: Double
    @NullWhenAbsent public var accuracyInterval: IntervalJSON?
    public var samples: Int
    /// Correct predictions among `samples` (not part of the JSON).
    public var correctCount: Int
    /// By score key (``MistakeScore``), in its order.
    public var scores: [Score]
    /// Q against the best other label-free score by DeLong's paired test; `null` with one
    /// class present.
    @NullWhenAbsent public var comparison: ScoreComparison?
    /// The probe fitted on the train split, `null` when predictions were given.
    @NullWhenAbsent public var probe: FittedProbe?

    /// One score's metrics.
    public struct Score: Sendable, Equatable {
      public var score: MistakeScore
      public var metrics: Metrics
      /// The score's key.
      public var name: String { score.key }
    }

    /// AUPRC with correct predictions as positives, with mistakes as positives, and AUROC
    /// (`null` with one class present), each with its 95% interval: the AUPRCs' by the
    /// stratified bootstrap (`null` with `--resamples 0`), the AUROC's by DeLong.
    public struct Metrics: Codable, Sendable, Equatable {
      @FiniteOrNull public var auprcCorrect: Double
      @NullWhenAbsent public var auprcCorrectInterval: IntervalJSON?
      @FiniteOrNull public var auprcMisclassified: Double
      @NullWhenAbsent public var auprcMisclassifiedInterval: IntervalJSON?
      @FiniteOrNull public var auroc: Double
      @NullWhenAbsent public var aurocInterval: IntervalJSON?

      enum CodingKeys: String, OrderedCodingKey {
        case auprcCorrect = "auprc_correct", auprcCorrectInterval = "auprc_correct_interval"
        case auprcMisclassified = "auprc_misclassified", auprcMisclassifiedInterval = "auprc_misclassified_interval"
        case auroc, aurocInterval = "auroc_interval"
      }

      /// `bootstrap` is the one that made the metrics' AUPRC intervals.
      init(_ metrics: MisclassificationReport.ScoreMetrics, bootstrap: StratifiedBootstrap?) {
        (auprcCorrect, auprcMisclassified, auroc) = (metrics.auprcCorrect, metrics.auprcMisclassified, metrics.auroc)
        let resampled = { (outcome: StratifiedBootstrap.Outcome?) -> IntervalJSON? in
          guard let outcome, let bootstrap else { return nil }
          return IntervalJSON(outcome.interval, method: .stratifiedBootstrap, resamples: bootstrap.resamples, seed: bootstrap.seed)
        }
        auprcCorrectInterval = resampled(metrics.auprcCorrectBootstrap)
        auprcMisclassifiedInterval = resampled(metrics.auprcMisclassifiedBootstrap)
        aurocInterval = metrics.delong.map { IntervalJSON($0.interval, method: .delong) }
      }
    }

    enum CodingKeys: String, OrderedCodingKey {
      case accuracy, accuracyInterval = "accuracy_interval", samples, scores, comparison, probe
    }

    /// The scores' keys, in ``MistakeScore`` order.
    struct ScoreKey: OrderedCodingKey {
      var score: MistakeScore
      var stringValue: String { score.key }
      var intValue: Int? { nil }
      init(_ score: MistakeScore) { self.score = score }
      init?(stringValue: String) {
        guard let score = MistakeScore(rawValue: stringValue) else { return nil }
        self.score = score
      }
      init?(intValue: Int) { nil }
      static var allCases: [ScoreKey] { MistakeScore.allCases.map(ScoreKey.init) }
    }

    /// `bootstrap` is the one `report` was computed with; `comparison` the verdict on Q.
    public init(_ report: MisclassificationReport, bootstrap: StratifiedBootstrap?, comparison: ScoreComparison?, probe: FittedProbe?) {
      accuracy = report.accuracy
      accuracyInterval = WilsonInterval(successes: report.correctCount, trials: report.samples).map { IntervalJSON($0.interval, method: .wilson) }
      samples = report.samples
      correctCount = report.correctCount
      scores = report.scores.map { Score(score: $0.score, metrics: Metrics($0, bootstrap: bootstrap)) }
      self.comparison = comparison
      self.probe = probe
    }

    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      let accuracy = try c.decode(FiniteOrNull.self, forKey: .accuracy)
      _accuracy = accuracy
      _accuracyInterval = try c.decode(NullWhenAbsent<IntervalJSON>.self, forKey: .accuracyInterval)
      samples = try c.decode(Int.self, forKey: .samples)
      let byKey = try c.nestedContainer(keyedBy: ScoreKey.self, forKey: .scores)
      scores = try ScoreKey.allCases.filter(byKey.contains).map { Score(score: $0.score, metrics: try byKey.decode(Metrics.self, forKey: $0)) }
      _comparison = try c.decode(NullWhenAbsent<ScoreComparison>.self, forKey: .comparison)
      _probe = try c.decode(NullWhenAbsent<FittedProbe>.self, forKey: .probe)
      correctCount = accuracy.wrappedValue.isFinite ? Int((accuracy.wrappedValue * Double(samples)).rounded()) : 0
    }

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(_accuracy, forKey: .accuracy)
      try c.encode(_accuracyInterval, forKey: .accuracyInterval)
      try c.encode(samples, forKey: .samples)
      var byKey = c.nestedContainer(keyedBy: ScoreKey.self, forKey: .scores)
      for score in scores { try byKey.encode(score.metrics, forKey: ScoreKey(score.score)) }
      try c.encode(_comparison, forKey: .comparison)
      try c.encode(_probe, forKey: .probe)
    }
  }
}
