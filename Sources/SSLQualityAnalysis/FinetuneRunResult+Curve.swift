// ssl-quality · FinetuneRunResult+Curve.swift — a fine-tuning run's history as the loss figure's curve.

import SSLQualityReport

extension FinetuneRunResult {
  /// The run's per-epoch history as the loss figure draws it.
  public var trainingCurve: Plots.TrainingCurve {
    Plots.TrainingCurve(
      label: title, epochs: history.map { Double($0.epoch) }, objective: history.map(\.objective), regularizer: history.map(\.regularizer),
      emptyShare: history.map(\.emptyShare))
  }
}
