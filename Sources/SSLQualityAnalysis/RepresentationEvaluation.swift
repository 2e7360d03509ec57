// ssl-quality · RepresentationEvaluation.swift — the before/after figures of a representation.

import SSLQuality

/// What fine-tuning reports for one representation of the evaluation splits.
///
/// With labelled train and test splits: the default L-BFGS probe's test accuracy (fitted
/// on the train split), kNN accuracy (cosine, k 20, temperature 0.07), and how well Q
/// predicts the probe's mistakes on the test split (AUROC; AUPRC with positives =
/// correct, whose base rate is the probe's accuracy). Always, on the evaluated split (the
/// test split, else the train split): mean Q, the share of samples whose `L_i ∩ Dset` is
/// empty, `|Dset|` (fitted on that split), and the mean column L1 norm per sample,
/// `1/(N·D) Σ_j Σ_i |z_ij|`. The accuracies come with their Wilson intervals and Q's AUROC
/// with DeLong's (see docs/uncertainty.md).
public struct RepresentationEvaluation: Sendable, Codable, Equatable {
  public var probeAccuracy: Double?, knnAccuracy: Double?
  public var qAuroc: Double?, qAuprcCorrect: Double?
  /// 95% intervals: Wilson for the two accuracies, DeLong for Q's AUROC.
  public var probeAccuracyInterval: IntervalJSON?, knnAccuracyInterval: IntervalJSON?, qAurocInterval: IntervalJSON?
  public var samples: Int
  public var qMean: Double, emptyShare: Double, discriminativeCount: Int, meanColumnL1: Double

  enum CodingKeys: String, OrderedCodingKey {
    case discriminativeCount = "discriminative_count", emptyShare = "empty_share", knnAccuracy = "knn_accuracy"
    case knnAccuracyInterval = "knn_accuracy_interval", meanColumnL1 = "mean_column_l1", probeAccuracy = "probe_accuracy"
    case probeAccuracyInterval = "probe_accuracy_interval", qAuprcCorrect = "q_auprc_correct", qAuroc = "q_auroc"
    case qAurocInterval = "q_auroc_interval", qMean = "q_mean", samples
  }

  /// An evaluation and the per-sample values behind it, for paired tests of two
  /// representations of the same samples.
  public struct Measurement: Sendable {
    public var evaluation: RepresentationEvaluation
    /// Per evaluated sample: whether the linear probe is right (`nil` without labels), and
    /// its Q-Score.
    public var probeCorrect: [Bool]?
    public var q: [Double]
  }

  /// Evaluates `evaluated` (the test split, or the train split when there is none);
  /// label-based figures need `train`, `trainLabels` and `testLabels`.
  public static func measure(
    evaluated: Matrix, train: Matrix?, trainLabels: [Int]?, testLabels: [Int]?, epsilon: Double, band: ClosedRange<Double>,
    context: ExecutionContext
  ) -> Measurement {
    let profile = ActivationProfile.measure(evaluated, epsilon: epsilon, context: context)
    let discriminative = DiscriminativeFeatures(frequencies: profile.activationFrequency, band: band)
    let q = QScores(profile: profile, discriminative: discriminative, context: context)
    let n = evaluated.rows, d = evaluated.columns
    let l1 = profile.l1Norm.reduce(0, +) / Double(max(1, n * d))
    var result = RepresentationEvaluation(
      probeAccuracy: nil, knnAccuracy: nil, qAuroc: nil, qAuprcCorrect: nil, samples: n,
      qMean: q.values.reduce(0, +) / Double(max(1, n)), emptyShare: Double(q.emptyCount) / Double(max(1, n)),
      discriminativeCount: discriminative.count, meanColumnL1: l1)
    guard let train, let trainLabels, let testLabels, Set(trainLabels).count > 1 else {
      return Measurement(evaluation: result, probeCorrect: nil, q: q.values)
    }
    let fit = context.blas { LogisticRegressionProbe().fit(train, labels: trainLabels, context: context) }
    let predictions = ProbePredictions(
      scores: context.blas { fit.classifier.probabilities(evaluated, context: context) }, encoding: fit.classifier.encoding)
    result.probeAccuracy = predictions.accuracy(testLabels).top1
    let correct = predictions.correctness(testLabels)
    result.probeAccuracyInterval = .wilson(correct)
    let report = MisclassificationReport(correct: correct, scores: [.q: q.values])
    if let metrics = report.scores.first {
      result.qAuroc = metrics.auroc
      result.qAuprcCorrect = metrics.auprcCorrect
    }
    result.qAurocInterval = DeLongAUROC(scores: q.values, positive: correct).map { IntervalJSON($0.interval, method: "delong") }
    let (votes, encoding) = KNNClassifier().votes(train: train, trainLabels: trainLabels, test: evaluated, context: context)
    let knn = ProbePredictions(scores: votes, encoding: encoding)
    result.knnAccuracy = knn.accuracy(testLabels).top1
    result.knnAccuracyInterval = .wilson(knn.correctness(testLabels))
    return Measurement(evaluation: result, probeCorrect: correct, q: q.values)
  }
}
