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
    public let name: String
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
  /// One entry per score, in the order `q`, `msp`, `l1`, `max_z` where given.
  public let scores: [ScoreMetrics]

  /// Order scores are reported in.
  public static let scoreOrder = ["q", "msp", "l1", "max_z"]

  /// `names` in report order: those of ``scoreOrder`` first, then the others sorted.
  public static func ordered(_ names: some Collection<String>) -> [String] {
    scoreOrder.filter(names.contains) + names.filter { !scoreOrder.contains($0) }.sorted()
  }

  public init(correct: [Bool], scores: [String: [Double]]) {
    samples = correct.count
    correctCount = correct.count { $0 }
    accuracy = correct.isEmpty ? .nan : Double(correctCount) / Double(correct.count)
    self.scores = Self.ordered(scores.keys).map { name in
      let values = scores[name] ?? []
      precondition(values.count == correct.count, "score \(name) has the wrong length")
      let kept = values.indices.filter { !values[$0].isNaN }
      let s = kept.map { values[$0] }, c = kept.map { correct[$0] }
      let forward = BinaryRanking(scores: s, positive: c)
      let reversed = BinaryRanking(scores: s.map { -$0 }, positive: c.map { !$0 })
      return ScoreMetrics(
        name: name, auprcCorrect: forward.averagePrecision, auprcMisclassified: reversed.averagePrecision,
        auroc: forward.rocAUC, samples: kept.count, curve: PrecisionRecallCurve(forward))
    }
  }
}
