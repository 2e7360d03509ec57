// ssl-quality · MisclassificationReport.swift — how well scores predict linear-probe mistakes.

/// How well per-sample scores predict a linear probe's mistakes, for Q-Score and
/// the baselines: with `correct_i = (pred_i == label_i)`,
///
/// - `auprc_correct`: average precision with positives = correct, score `s`;
/// - `auprc_misclassified`: positives = misclassified, score `−s`;
/// - `auroc`: ROC AUC of correct vs `s`.
///
/// Samples whose score is NaN (rows with NaN/Inf) are left out of that score's metrics.
///
/// Each AUROC comes with DeLong's variance and interval (``DeLongAUROC``); given a
/// ``StratifiedBootstrap``, each AUPRC with its percentile interval (positives and
/// negatives resampled apart, the same replicates' seeds for every score).
public struct MisclassificationReport: Sendable {
  /// Metrics of one score.
  public struct ScoreMetrics: Sendable {
    public let score: MistakeScore
    /// The score's key.
    public var name: String { score.key }
    public let auprcCorrect: Double, auprcMisclassified: Double, auroc: Double
    /// Samples the metrics are computed on.
    public let samples: Int
    /// Precision against recall of `auprc_correct`, thinned for figures.
    public let curve: PrecisionRecallCurve
    /// The AUROC with DeLong's variance and interval; `nil` with one class present.
    public let delong: DeLongAUROC?
    /// The bootstrap of `auprc_correct` and of `auprc_misclassified`; `nil` without a
    /// bootstrap or with one class present.
    public let auprcCorrectBootstrap: StratifiedBootstrap.Outcome?, auprcMisclassifiedBootstrap: StratifiedBootstrap.Outcome?
  }

  /// Share of correct predictions (the base rate of `auprc_correct`).
  public let accuracy: Double
  /// Number of samples and of correct predictions.
  public let samples: Int, correctCount: Int
  /// One entry per given score, in ``MistakeScore`` order.
  public let scores: [ScoreMetrics]

  /// Intervals are at `confidence`; `bootstrap` (optional: it recomputes both AUPRCs
  /// `resamples` times per score) gives the AUPRCs theirs. The scores are computed on
  /// `context`'s threads, one score per thread (the bits do not depend on the threads).
  public init(
    correct: [Bool], scores: [MistakeScore: [Double]], bootstrap: StratifiedBootstrap? = nil, confidence: Double = 0.95,
    context: ExecutionContext = .serial
  ) {
    samples = correct.count
    correctCount = correct.count { $0 }
    accuracy = correct.isEmpty ? .nan : Double(correctCount) / Double(correct.count)
    let given = MistakeScore.allCases.filter { scores[$0] != nil }
    self.scores = context.parallelMap(given.count) { index in
      let score = given[index]
      let values = scores[score] ?? []
      precondition(values.count == correct.count, "score \(score.key) has the wrong length")
      let kept = values.indices.filter { !values[$0].isNaN }
      let s = kept.map { values[$0] }, c = kept.map { correct[$0] }
      let forward = BinaryRanking(scores: s, positive: c)
      let negated = s.map { -$0 }, mistakes = c.map { !$0 }
      let reversed = BinaryRanking(scores: negated, positive: mistakes)
      return ScoreMetrics(
        score: score, auprcCorrect: forward.averagePrecision, auprcMisclassified: reversed.averagePrecision,
        auroc: forward.rocAUC, samples: kept.count, curve: PrecisionRecallCurve(forward),
        delong: DeLongAUROC(scores: s, positive: c, confidence: confidence),
        auprcCorrectBootstrap: bootstrap?.averagePrecision(scores: s, positive: c, confidence: confidence),
        auprcMisclassifiedBootstrap: bootstrap?.averagePrecision(scores: negated, positive: mistakes, confidence: confidence))
    }
  }
}
