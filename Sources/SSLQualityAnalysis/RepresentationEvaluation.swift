// ssl-quality · RepresentationEvaluation.swift — the before/after figures of a representation.

import SSLQuality

/// What `compare` and `finetune` report for one representation of the evaluation splits.
///
/// With labelled train and test splits: the default L-BFGS probe's test accuracy (fitted
/// on the train split; the `probe` command's fit, ``ProbeProtocol/run(train:trainLabels:test:context:)``,
/// so the accuracy is the same to the last digit), kNN accuracy (cosine, k 20, temperature
/// 0.07), and how well Q predicts the probe's mistakes on the test split (AUROC; AUPRC
/// with positives = correct, whose base rate is the probe's accuracy). Always, on the
/// evaluated split (the test split, else the train split): mean Q, the number and share
/// of samples whose `L_i ∩ Dset` is empty, `|Dset|` and where it was fitted (the one rule
/// of ``DiscriminativeFit``: `--discriminative-from`, else the train split, else the
/// evaluated split), and the mean column L1 norm per sample, `1/(N·D) Σ_j Σ_i |z_ij|`.
/// The accuracies come with their Wilson intervals and Q's AUROC with DeLong's (see
/// docs/uncertainty.md).
public struct RepresentationEvaluation: Sendable, Codable, Equatable {
  public var probeAccuracy: Double?, knnAccuracy: Double?
  public var qAuroc: Double?, qAuprcCorrect: Double?
  /// 95% intervals: Wilson for the two accuracies, DeLong for Q's AUROC.
  public var probeAccuracyInterval: IntervalJSON?, knnAccuracyInterval: IntervalJSON?, qAurocInterval: IntervalJSON?
  public var samples: Int
  public var qMean: Double, emptyCount: Int, emptyShare: Double, discriminativeCount: Int, meanColumnL1: Double
  public var dsetSource: DiscriminativeSource

  enum CodingKeys: String, OrderedCodingKey {
    case discriminativeCount = "discriminative_count", dsetSource = "dset_source", emptyCount = "empty_count", emptyShare = "empty_share"
    case knnAccuracy = "knn_accuracy", knnAccuracyInterval = "knn_accuracy_interval", meanColumnL1 = "mean_column_l1"
    case probeAccuracy = "probe_accuracy", probeAccuracyInterval = "probe_accuracy_interval", qAuprcCorrect = "q_auprc_correct"
    case qAuroc = "q_auroc", qAurocInterval = "q_auroc_interval", qMean = "q_mean", samples
  }

  /// An evaluation and the per-sample values behind it, for paired tests of two
  /// representations of the same samples.
  public struct Measurement: Sendable {
    public var evaluation: RepresentationEvaluation
    /// Per evaluated sample: whether the linear probe is right (`nil` without labels), and
    /// its Q-Score.
    public var probeCorrect: [Bool]?
    public var q: [Double]
    /// `Dset`, as fitted.
    public var discriminative: DiscriminativeFeatures
  }

  /// Evaluates `evaluated` (the test split, or the train split when there is none), named
  /// `name`, with `Dset` fitted where `dset` chose; label-based figures need `train`,
  /// `trainLabels` and `testLabels`. Also returns `Dset`.
  public static func measure(
    evaluated: Matrix, name: String, dset: DiscriminativeFit, train: Matrix?, trainLabels: [Int]?, testLabels: [Int]?, epsilon: Double,
    band: ClosedRange<Double>, context: ExecutionContext
  ) throws -> Measurement {
    let profile = ActivationProfile.measure(evaluated, epsilon: epsilon, name: name, context: context)
    let (discriminative, source) = try dset.fit(
      epsilon: epsilon, band: band, strict: false, context: context, notices: .silent, analysed: profile)
    let q = QScores(profile: profile, discriminative: discriminative, context: context)
    let n = evaluated.rows, d = evaluated.columns
    let l1 = profile.l1Norm.reduce(0, +) / Double(max(1, n * d))
    var result = RepresentationEvaluation(
      probeAccuracy: nil, knnAccuracy: nil, qAuroc: nil, qAuprcCorrect: nil, samples: n,
      qMean: q.values.reduce(0, +) / Double(max(1, n)), emptyCount: q.emptyCount, emptyShare: Double(q.emptyCount) / Double(max(1, n)),
      discriminativeCount: discriminative.count, meanColumnL1: l1, dsetSource: source)
    guard let train, let trainLabels, let testLabels, Set(trainLabels).count > 1 else {
      return Measurement(evaluation: result, probeCorrect: nil, q: q.values, discriminative: discriminative)
    }
    let predictions = ProbeProtocol.logisticRegression(LogisticRegressionProbe())
      .run(train: train, trainLabels: trainLabels, test: evaluated, context: context).predictions
    result.probeAccuracy = predictions.accuracy(testLabels).top1
    let correct = predictions.correctness(testLabels)
    result.probeAccuracyInterval = .wilson(correct)
    let report = MisclassificationReport(correct: correct, scores: [.q: q.values])
    if let metrics = report.scores.first {
      result.qAuroc = metrics.auroc
      result.qAuprcCorrect = metrics.auprcCorrect
    }
    result.qAurocInterval = DeLongAUROC(scores: q.values, positive: correct).map { IntervalJSON($0.interval, method: .delong) }
    let knn = ProbeProtocol.knn(KNNClassifier()).run(train: train, trainLabels: trainLabels, test: evaluated, context: context).predictions
    result.knnAccuracy = knn.accuracy(testLabels).top1
    result.knnAccuracyInterval = .wilson(knn.correctness(testLabels))
    return Measurement(evaluation: result, probeCorrect: correct, q: q.values, discriminative: discriminative)
  }
}
