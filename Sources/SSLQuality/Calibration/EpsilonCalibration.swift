// ssl-quality · EpsilonCalibration.swift — every ε of the highly-activating rule from one pass.

/// Q-Score analysis at several ε at once, to choose ε.
///
/// One streamed pass computes the row statistics `μ_i`, `σ_i` once and the features above
/// `μ_i + ε σ_i` for every ε from one search at the smallest ε
/// (``LayeredActivations``: whether an entry found passes a larger ε is compared in `Double`
/// exactly as ``ActivationCounts`` compares). Each ε then gets `Dset`,
/// the Q-Scores and their summary exactly as `score --epsilon ε` computes them (same
/// types, same order of operations), and — given which samples a probe classified
/// correctly — AUPRC and AUROC of Q.
///
/// **Label-free recommendation.** ε decides how sparse `L_i` is: the paper's ε = 4 suits
/// sparse post-ReLU ResNet features, but on dense features most samples then have no
/// highly-active discriminative feature and `Q = 0` carries no ranking. The rule keeps Q
/// defined for almost every sample while staying as selective as possible: **the largest ε
/// whose share of finite samples with `Q = 0` is at most 10 %** (``maximumEmptyShare``);
/// if no ε qualifies, the ε with the smallest share (the largest among ties).
/// **Label-optimal** (with labels): the ε with the largest AUROC of Q for the probe's
/// correct predictions (the smallest ε among ties).
public struct EpsilonCalibration: Sendable, Equatable {
  public var samples: Int
  public var features: Int
  public var band: [Double]
  public var normalize: String
  public var rows: [CalibrationRow]
  public var recommendedEpsilon: Double?
  public var recommendationRule: String
  public var labelOptimalEpsilon: Double?

  /// The largest share of samples with `Q = 0` the label-free rule accepts.
  public static let maximumEmptyShare = 0.1

  /// The ε values a calibration tries by default: 1, 1.5, …, 4.
  public static let defaultEpsilons: [Double] = [1, 1.5, 2, 2.5, 3, 3.5, 4]

  /// ``measure(_:epsilons:band:normalization:correct:name:context:nonFinite:)``, rows
  /// holding NaN or ±∞ left out silently.
  public static func measure(
    _ source: some RowSource, epsilons: [Double], band: ClosedRange<Double>, normalization: QScoreNormalization = .none,
    correct: [Bool]? = nil, name: String = "", context: ExecutionContext
  ) -> EpsilonCalibration {
    measure(source, epsilons: epsilons, band: band, normalization: normalization, correct: correct, name: name, context: context) { _ in }
  }

  /// The one pass of a calibration over `source`: per row the entries above the smallest
  /// threshold, layered by ε, and per ε the activation frequencies.
  public static func layers(_ source: some RowSource, epsilons: [Double], name: String = "", context: ExecutionContext)
    -> LayeredActivations.Partial
  {
    var pass = RowPass()
    let layered = pass.add(LayeredActivations(epsilons: epsilons))
    return pass.run(source, name: name, context: context)[layered]
  }

  /// Reads `source` once and analyses every ε of `epsilons` (in the order given).
  ///
  /// - Parameters:
  ///   - correct: per sample, whether a probe classified it correctly (enables AUPRC/AUROC);
  ///     rows holding NaN or ±∞ count in no metric, accuracy included.
  ///   - fitted: per ε in ascending order, the activation frequencies `Dset` is cut from
  ///     when it is fitted on another matrix (``layers(_:epsilons:name:context:)`` of that
  ///     matrix); by default `source`'s own.
  ///   - nonFinite: called once after the pass with the rows holding NaN or ±∞ (left out of
  ///     every ε), before the rows are analysed; it may throw to refuse them.
  /// - Complexity: one pass over the matrix, O(N · D) comparisons on blocks in cache plus
  ///   O(|epsilons|) per entry above the smallest threshold; memory O(N + Σ_i |L_i(ε_min)|).
  public static func measure(
    _ source: some RowSource, epsilons: [Double], band: ClosedRange<Double>, normalization: QScoreNormalization = .none,
    correct: [Bool]? = nil, name: String = "", fitted: [[Double]]? = nil, context: ExecutionContext,
    nonFinite: (NonFiniteRows) throws -> Void
  ) rethrows -> EpsilonCalibration {
    let layers = Self.layers(source, epsilons: epsilons, name: name, context: context)
    let frequencies = fitted ?? layers.activationFrequencies
    let discriminative = frequencies.map { DiscriminativeFeatures(frequencies: $0, band: band) }
    let scores = layers.qScores(discriminative: discriminative, normalization: normalization, context: context)
    if let first = scores.first { try nonFinite(NonFiniteRows(nanIn: first.values)) }
    let finite = layers.finiteRowCount
    // Each ε's summary and AUROC on its own worker.
    let calibrated = context.parallelMap(epsilons.count) { index in
      let epsilon = epsilons[index], k = layers.rank(of: epsilon)
      return CalibrationRow(
        epsilon: epsilon, discriminative: discriminative[k], q: scores[k].values, emptyCount: scores[k].emptyCount, finiteSamples: finite,
        correct: correct)
    }
    return EpsilonCalibration(
      samples: source.rows, features: source.columns, band: [band.lowerBound, band.upperBound], normalize: normalization.rawValue,
      rows: calibrated)
  }

  /// The calibration of `rows`, with both recommendations worked out from them.
  public init(samples: Int, features: Int, band: [Double], normalize: String, rows: [CalibrationRow]) {
    self.samples = samples
    self.features = features
    self.band = band
    self.normalize = normalize
    self.rows = rows
    recommendationRule = "largest ε with at most \(Int(Self.maximumEmptyShare * 100))% of samples at Q = 0"
    let qualifying = rows.filter { $0.emptyShare <= Self.maximumEmptyShare }
    if let best = qualifying.max(by: { $0.epsilon < $1.epsilon }) {
      recommendedEpsilon = best.epsilon
    } else {
      recommendedEpsilon = rows.min { ($0.emptyShare, -$0.epsilon) < ($1.emptyShare, -$1.epsilon) }?.epsilon
    }
    let labelled = rows.compactMap { row in row.misclassification.map { (row.epsilon, $0.scores.q.auroc) } }.filter { !$0.1.isNaN }
    labelOptimalEpsilon = labelled.max { ($0.1, -$0.0) < ($1.1, -$1.0) }?.0
  }
}

/// One ε of a calibration, with `score`'s numbers.
public struct CalibrationRow: Sendable, Equatable {
  public var epsilon: Double
  public var discriminativeCount: Int
  /// `[P(lo), P(hi)]`, or nil when no feature is ever highly active.
  public var thresholds: [Double]?
  public var emptyCount: Int
  /// `emptyCount` over the finite samples.
  public var emptyShare: Double
  public var q: QSummary
  public var misclassification: QMisclassification?

  /// A row of the given numbers.
  public init(
    epsilon: Double, discriminativeCount: Int, thresholds: [Double]?, emptyCount: Int, emptyShare: Double, q: QSummary,
    misclassification: QMisclassification?
  ) {
    (self.epsilon, self.discriminativeCount, self.thresholds) = (epsilon, discriminativeCount, thresholds)
    (self.emptyCount, self.emptyShare, self.q, self.misclassification) = (emptyCount, emptyShare, q, misclassification)
  }

  /// - Parameters:
  ///   - q: the Q-Scores at `epsilon` (NaN for non-finite rows); `emptyCount` of them have `L_i ∩ Dset` empty.
  init(epsilon: Double, discriminative: DiscriminativeFeatures, q scores: [Double], emptyCount: Int, finiteSamples: Int, correct: [Bool]?) {
    self.epsilon = epsilon
    discriminativeCount = discriminative.count
    thresholds = discriminative.thresholds.map { [$0.low, $0.high] }
    self.emptyCount = emptyCount
    emptyShare = finiteSamples > 0 ? Double(emptyCount) / Double(finiteSamples) : .nan
    q = QSummary(Summary(scores))
    // Rows left out for NaN or ±∞ (Q is NaN) count in no metric, accuracy included.
    let kept = scores.indices.filter { !scores[$0].isNaN }
    misclassification = correct.map { all in kept.map { all[$0] } }.flatMap { correct in
      MisclassificationReport(correct: correct, scores: [.q: kept.map { scores[$0] }]).scores.first { $0.score == .q }.map { metrics in
        QMisclassification(
          accuracy: correct.isEmpty ? .nan : Double(correct.count { $0 }) / Double(correct.count),
          scores: .init(q: .init(auprcCorrect: metrics.auprcCorrect, auprcMisclassified: metrics.auprcMisclassified, auroc: metrics.auroc)))
      }
    }
  }
}

/// How well Q predicts a probe's correct predictions, as `score` reports it.
public struct QMisclassification: Sendable, Equatable {
  /// AUPRC with correct predictions as positives, with mistakes as positives, and AUROC.
  public struct Metrics: Sendable, Equatable {
    public var auprcCorrect: Double, auprcMisclassified: Double, auroc: Double

    public init(auprcCorrect: Double, auprcMisclassified: Double, auroc: Double) {
      (self.auprcCorrect, self.auprcMisclassified, self.auroc) = (auprcCorrect, auprcMisclassified, auroc)
    }
  }
  /// The metrics by score (Q only).
  public struct Scores: Sendable, Equatable {
    public var q: Metrics

    public init(q: Metrics) { self.q = q }
  }
  /// The probe's accuracy (the base rate of AUPRC-correct).
  public var accuracy: Double
  public var scores: Scores

  public init(accuracy: Double, scores: Scores) { (self.accuracy, self.scores) = (accuracy, scores) }
}
