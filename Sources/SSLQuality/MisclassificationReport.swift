// ssl-quality · MisclassificationReport.swift — how well scores predict linear-probe mistakes.

/// How well per-sample scores predict a linear probe's mistakes, for Q-Score and
/// the baselines: with `correct_i = (pred_i == label_i)`,
///
/// - `auprc_correct`: average precision with positives = correct, score `s`;
/// - `auprc_misclassified`: positives = misclassified, score `−s`;
/// - `auroc`: ROC AUC of correct vs `s`.
///
/// Samples whose score is NaN (rows with NaN/Inf) are left out of that score's metrics.
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
  }

  /// Share of correct predictions (the base rate of `auprc_correct`).
  public let accuracy: Double
  /// Number of samples and of correct predictions.
  public let samples: Int, correctCount: Int
  /// One entry per given score, in ``MistakeScore`` order.
  public let scores: [ScoreMetrics]

  public init(correct: [Bool], scores: [MistakeScore: [Double]]) {
    samples = correct.count
    correctCount = correct.count { $0 }
    accuracy = correct.isEmpty ? .nan : Double(correctCount) / Double(correct.count)
    self.scores = MistakeScore.allCases.compactMap { score in
      guard let values = scores[score] else { return nil }
      precondition(values.count == correct.count, "score \(score.key) has the wrong length")
      let kept = values.indices.filter { !values[$0].isNaN }
      let s = kept.map { values[$0] }, c = kept.map { correct[$0] }
      let forward = BinaryRanking(scores: s, positive: c)
      let reversed = BinaryRanking(scores: s.map { -$0 }, positive: c.map { !$0 })
      return ScoreMetrics(
        score: score, auprcCorrect: forward.averagePrecision, auprcMisclassified: reversed.averagePrecision,
        auroc: forward.rocAUC, samples: kept.count, curve: PrecisionRecallCurve(forward))
    }
  }
}
