// ssl-quality · EpsilonCalibration.swift — every ε of the highly-activating rule from one pass.

/// Q-Score analysis at several ε at once, to choose ε.
///
/// One streamed pass computes the row statistics `μ_i`, `σ_i` once and, per ε, one
/// threshold `μ_i + ε σ_i` per row with the features above it (one ``ActivationCounts``
/// per ε in the same ``RowPass``), plus the sanity statistics. Each ε then gets `Dset`,
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
public struct EpsilonCalibration: Sendable, Equatable, Codable {
  public var samples: Int
  public var features: Int
  public var band: [Double]
  public var normalize: String
  public var rows: [CalibrationRow]
  public var recommendedEpsilon: Double?
  public var recommendationRule: String
  public var labelOptimalEpsilon: Double?

  enum CodingKeys: String, CodingKey {
    case samples, features, band, normalize, rows
    case recommendedEpsilon = "recommended_epsilon", recommendationRule = "recommendation_rule"
    case labelOptimalEpsilon = "label_optimal_epsilon"
  }

  /// The largest share of samples with `Q = 0` the label-free rule accepts.
  public static let maximumEmptyShare = 0.1

  /// The ε values a calibration tries by default: 1, 1.5, …, 4.
  public static let defaultEpsilons: [Double] = [1, 1.5, 2, 2.5, 3, 3.5, 4]

  /// Reads `source` once and analyses every ε of `epsilons` (in the order given).
  ///
  /// - Parameters:
  ///   - correct: per sample, whether a probe classified it correctly (enables AUPRC/AUROC).
  /// - Complexity: one pass over the matrix, O(N · D · |epsilons|) comparisons on blocks in
  ///   cache; memory O(N + Σ_ε Σ_i |L_i(ε)|).
  public static func measure(
    _ source: some RowSource, epsilons: [Double], band: ClosedRange<Double>, normalization: QScoreNormalization = .none,
    correct: [Bool]? = nil, name: String = "", context: ExecutionContext
  ) -> EpsilonCalibration {
    var pass = RowPass()
    let rows = pass.add(RowStatistics())
    let statistics = pass.add(ColumnStatistics())
    let slots = epsilons.map { pass.add(ActivationCounts(epsilon: $0, keepingEntries: true)) }
    let result = pass.run(source, name: name, context: context)
    let sanity = result[statistics].statistics
    let calibrated = zip(epsilons, slots).map { epsilon, slot in
      let profile = ActivationProfile(
        samples: source.rows, features: source.columns, epsilon: epsilon, rows: result[rows], activations: result[slot], sanity: sanity)
      return CalibrationRow(profile: profile, band: band, normalization: normalization, correct: correct, context: context)
    }
    return EpsilonCalibration(
      samples: source.rows, features: source.columns, band: [band.lowerBound, band.upperBound], normalize: normalization.rawValue,
      rows: calibrated)
  }

  init(samples: Int, features: Int, band: [Double], normalize: String, rows: [CalibrationRow]) {
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

/// One ε of a calibration, with `score`'s keys.
public struct CalibrationRow: Sendable, Equatable, Codable {
  public var epsilon: Double
  public var discriminativeCount: Int
  /// `[P(lo), P(hi)]`, or nil when no feature is ever highly active.
  public var thresholds: [Double]?
  public var emptyCount: Int
  /// `emptyCount` over the finite samples.
  public var emptyShare: Double
  public var q: QSummary
  public var misclassification: QMisclassification?

  enum CodingKeys: String, CodingKey {
    case epsilon, thresholds, q, misclassification
    case discriminativeCount = "discriminative_count", emptyCount = "empty_count", emptyShare = "empty_share"
  }

  init(profile: ActivationProfile, band: ClosedRange<Double>, normalization: QScoreNormalization, correct: [Bool]?, context: ExecutionContext) {
    let discriminative = DiscriminativeFeatures(frequencies: profile.activationFrequency, band: band)
    let scores = QScores(profile: profile, discriminative: discriminative, normalization: normalization, context: context)
    epsilon = profile.epsilon
    discriminativeCount = discriminative.count
    thresholds = discriminative.thresholds.map { [$0.low, $0.high] }
    emptyCount = scores.emptyCount
    emptyShare = profile.finiteSamples > 0 ? Double(scores.emptyCount) / Double(profile.finiteSamples) : .nan
    q = QSummary(Summary(scores.values))
    misclassification = correct.flatMap { correct in
      MisclassificationReport(correct: correct, scores: ["q": scores.values]).scores.first { $0.name == "q" }.map { metrics in
        QMisclassification(
          accuracy: correct.isEmpty ? .nan : Double(correct.count { $0 }) / Double(correct.count),
          scores: .init(q: .init(auprcCorrect: metrics.auprcCorrect, auprcMisclassified: metrics.auprcMisclassified, auroc: metrics.auroc)))
      }
    }
  }
}

/// Mean, population standard deviation, minimum, median and maximum of the finite Q.
public struct QSummary: Sendable, Equatable, Codable {
  public var mean: Double, std: Double, min: Double, median: Double, max: Double

  init(_ summary: Summary) {
    mean = summary.mean
    std = summary.std
    min = summary.min
    median = summary.median
    max = summary.max
  }
}

/// How well Q predicts a probe's correct predictions, as `score` reports it.
public struct QMisclassification: Sendable, Equatable, Codable {
  public struct Metrics: Sendable, Equatable, Codable {
    public var auprcCorrect: Double, auprcMisclassified: Double, auroc: Double
    enum CodingKeys: String, CodingKey {
      case auroc
      case auprcCorrect = "auprc_correct", auprcMisclassified = "auprc_misclassified"
    }
  }
  public struct Scores: Sendable, Equatable, Codable {
    public var q: Metrics
  }
  /// The probe's accuracy (the base rate of AUPRC-correct).
  public var accuracy: Double
  public var scores: Scores
}
