// ssl-quality · BinaryRanking.swift — average precision and ROC AUC as scikit-learn defines them.

/// Binary labels ranked by a score, reduced to cumulative true and false positives at
/// each distinct score (ties form one threshold), from which scikit-learn's
/// `average_precision_score`, `roc_auc_score`, `precision_recall_curve` and `roc_curve`
/// follow exactly.
///
/// - Complexity: O(N log N) to build, O(N) per metric.
public struct BinaryRanking: Sendable {
  /// Distinct scores, descending.
  public let thresholds: [Double]
  /// Positives (and negatives) with score ≥ each threshold.
  public let truePositives: [Int], falsePositives: [Int]

  /// Ranks `scores`; `positive[i]` tells whether sample `i` is a positive. NaN scores are
  /// not allowed (the caller excludes those samples).
  public init(scores: [Double], positive: [Bool]) {
    precondition(scores.count == positive.count, "scores and labels differ in length")
    precondition(!scores.contains(where: \.isNaN), "NaN score")
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    var thresholds: [Double] = [], tps: [Int] = [], fps: [Int] = []
    var tp = 0, fp = 0
    for (rank, index) in order.enumerated() {
      if positive[index] { tp += 1 } else { fp += 1 }
      if rank == order.count - 1 || scores[order[rank + 1]] != scores[index] {
        thresholds.append(scores[index])
        tps.append(tp)
        fps.append(fp)
      }
    }
    self.thresholds = thresholds
    truePositives = tps
    falsePositives = fps
  }

  /// A ranking from its distinct thresholds (descending) and the cumulative positives and
  /// negatives at each, as ``init(scores:positive:)`` builds them (the bootstrap's replicates
  /// are counted this way, without a sort).
  init(thresholds: [Double], truePositives: [Int], falsePositives: [Int]) {
    (self.thresholds, self.truePositives, self.falsePositives) = (thresholds, truePositives, falsePositives)
  }

  /// Number of positives and negatives.
  public var positives: Int { truePositives.last ?? 0 }
  public var negatives: Int { falsePositives.last ?? 0 }

  /// Step-wise average precision `Σ (R_k − R_{k−1}) P_k` over thresholds, descending
  /// (`sklearn.metrics.average_precision_score`). 0 when there is no positive, as
  /// scikit-learn returns (recall is then set to one everywhere).
  public var averagePrecision: Double {
    guard positives > 0 else { return 0 }
    var sum = 0.0, previousRecall = 0.0
    for k in thresholds.indices {
      let recall = Double(truePositives[k]) / Double(positives)
      let precision = Double(truePositives[k]) / Double(truePositives[k] + falsePositives[k])
      sum += (recall - previousRecall) * precision
      previousRecall = recall
    }
    return sum
  }

  /// Area under the ROC curve by the trapezoidal rule (`sklearn.metrics.roc_auc_score`);
  /// NaN when only one class is present (scikit-learn raises there).
  public var rocAUC: Double {
    guard positives > 0, negatives > 0 else { return .nan }
    var area = 0.0, previousFPR = 0.0, previousTPR = 0.0
    for k in thresholds.indices {
      let fpr = Double(falsePositives[k]) / Double(negatives), tpr = Double(truePositives[k]) / Double(positives)
      area += (fpr - previousFPR) * (tpr + previousTPR) / 2
      previousFPR = fpr
      previousTPR = tpr
    }
    return area
  }

  /// `sklearn.metrics.precision_recall_curve` (scikit-learn ≥ 1.3, `drop_intermediate=False`):
  /// precision and recall at every distinct threshold in increasing threshold order, ending
  /// with the point (precision 1, recall 0).
  public var precisionRecallCurve: (precision: [Double], recall: [Double], thresholds: [Double]) {
    var precision: [Double] = [], recall: [Double] = []
    for k in thresholds.indices {
      let predicted = truePositives[k] + falsePositives[k]
      precision.append(predicted == 0 ? 1 : Double(truePositives[k]) / Double(predicted))
      recall.append(positives == 0 ? 1 : Double(truePositives[k]) / Double(positives))
    }
    return (precision.reversed() + [1], recall.reversed() + [0], thresholds.reversed())
  }
}
