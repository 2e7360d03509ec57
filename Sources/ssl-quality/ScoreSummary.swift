// ssl-quality · ScoreSummary.swift — the `score` result for a terminal.

import SSLQuality
import SSLQualityAnalysis

/// The `score` summary: the file, `Dset`, the Q distribution, sanity counts, how well each
/// score predicts the probe's mistakes with the intervals and their methods, the verdict on
/// Q against the best label-free score, the lowest-Q samples and the warnings.
enum ScoreSummary {
  static func text(_ outcome: ScoreAnalysis.Outcome) -> String {
    let r = outcome.result, s = r.q
    var lines = ["\(outcome.source): \(r.samples) samples × \(r.features) features"]
    var dset = "  ε \(Format.number(r.epsilon)), band \(Format.number(r.band[0])):\(Format.number(r.band[1]))"
    dset += ": |Dset| = \(r.discriminativeCount)"
    if let t = r.thresholds { dset += " (A_j in [\(Format.number(t[0])), \(Format.number(t[1]))])" }
    lines.append(dset)
    lines.append("  \(r.dsetSource.text)")
    lines.append(
      "  Q-Score\(r.normalize == QScoreNormalization.zscore.rawValue ? " (z-scored)" : ""): mean \(Format.number(s.mean))  std \(Format.number(s.std))  min \(Format.number(s.min))"
        + "  median \(Format.number(s.median))  max \(Format.number(s.max))")
    lines.append("  \(r.emptyCount) of \(r.finiteSamples) samples have no highly-active discriminative feature (Q = 0)")
    let sanity = r.sanity
    lines.append(
      "  sanity: \(sanity.nanRows) NaN/Inf rows, \(sanity.zeroRows) zero rows, \(sanity.constantColumns) constant columns, "
        + "\(Format.percent(sanity.negativeShare)) negative entries")
    if let m = r.misclassification {
      lines.append(
        "  misclassification prediction: probe accuracy \(Format.percent(m.accuracy))"
          + (m.accuracyInterval.map { " (\($0.text(Format.percent)))" } ?? "")
          + ", \(m.correctCount) of \(m.samples); the base rate of AUPRC-correct")
      lines.append(("    score   " + ["AUPRC-correct", "AUPRC-misclassified", "AUROC"].map { $0.padding(toLength: 24, withPad: " ", startingAt: 0) }.joined()).trimmingTrailingSpaces)
      for score in m.scores {
        let cells = [
          (score.metrics.auprcCorrect, score.metrics.auprcCorrectInterval), (score.metrics.auprcMisclassified, score.metrics.auprcMisclassifiedInterval),
          (score.metrics.auroc, score.metrics.aurocInterval),
        ].map { cell($0, $1).padding(toLength: 24, withPad: " ", startingAt: 0) }
        lines.append(("    " + score.name.padding(toLength: 8, withPad: " ", startingAt: 0) + cells.joined()).trimmingTrailingSpaces)
      }
      lines.append("    " + methods(m))
      if let comparison = m.comparison { lines.append("  " + comparison.text) }
    }
    if let lowest = r.lowest {
      let ties = outcome.q.count { $0 == 0 }, shown = lowest.count
      lines.append(
        "  lowest Q: \(shown) of \(r.finiteSamples) samples\(ties > shown ? " (\(ties) tie at Q = 0)" : ""); equal Q ordered by the lower max_z, then row")
      lines.append("    " + ["id", "label", "pred", "q", "max_z", "|L_i|", "|L_i ∩ Dset|"].joined(separator: "  "))
      for entry in lowest {
        let label = entry.label.map(String.init) ?? "-", prediction = entry.prediction.map(String.init) ?? "-"
        lines.append(
          "    \(entry.id)  \(label)  \(prediction)  \(Format.number(entry.q))  \(Format.number(entry.maxZ))  \(entry.active)  \(entry.activeInDset)")
      }
    }
    lines += r.warnings.map(\.line)
    return lines.joined(separator: "\n")
  }
}

extension ScoreSummary {
  /// `85.50% (83.13–87.71)`: a metric and its interval's bounds in percent.
  fileprivate static func cell(_ value: Double, _ interval: IntervalJSON?) -> String {
    guard let interval, interval.lower.isFinite, interval.upper.isFinite else { return Format.percent(value) }
    return Format.percent(value) + " (" + String(format: "%.2f–%.2f", interval.lower * 100, interval.upper * 100) + ")"
  }

  /// The line naming the intervals' methods: DeLong for AUROC, the bootstrap with its
  /// replicates and seed for AUPRC (or that it was skipped).
  fileprivate static func methods(_ m: ScoreResult.Misclassification) -> String {
    let resampled = m.scores.lazy.compactMap(\.metrics.auprcCorrectInterval).first
    guard let resampled else { return "95% intervals: AUROC by DeLong; none for AUPRC (--resamples 0)" }
    return "95% intervals: AUPRC by stratified bootstrap (\(resampled.resamples ?? 0) resamples, seed \(resampled.seed ?? 0)); AUROC by DeLong"
  }
}

extension String {
  /// The string without trailing spaces.
  var trimmingTrailingSpaces: String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }

  /// The string right-aligned in `width` columns.
  func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
