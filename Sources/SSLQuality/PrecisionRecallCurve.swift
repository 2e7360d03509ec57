// ssl-quality · PrecisionRecallCurve.swift — the precision-recall curve behind an AUPRC, for figures.

/// Precision against recall at every distinct threshold of a ``BinaryRanking``, in
/// increasing threshold order and ending at (recall 0, precision 1) as
/// `sklearn.metrics.precision_recall_curve` returns it, thinned for drawing: a point is
/// kept when recall or precision moved by at least `resolution` since the last kept point
/// (the first and last points always stay), so a curve over millions of samples draws as a
/// few hundred points that differ from the full curve by less than `resolution` in either
/// coordinate.
public struct PrecisionRecallCurve: Sendable, Equatable {
  public let recall: [Double]
  public let precision: [Double]

  /// The curve of `ranking`, thinned to `resolution` (0 keeps every point).
  public init(_ ranking: BinaryRanking, resolution: Double = 0.002) {
    let full = ranking.precisionRecallCurve
    var recall: [Double] = [], precision: [Double] = []
    for k in full.recall.indices {
      let isEnd = k == 0 || k == full.recall.count - 1
      if let r = recall.last, let p = precision.last, !isEnd,
        abs(full.recall[k] - r) < resolution, abs(full.precision[k] - p) < resolution
      {
        continue
      }
      recall.append(full.recall[k])
      precision.append(full.precision[k])
    }
    self.recall = recall
    self.precision = precision
  }
}
