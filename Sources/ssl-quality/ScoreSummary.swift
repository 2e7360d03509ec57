// ssl-quality · ScoreSummary.swift — the `score` result for a terminal.

import SSLQuality
import SSLQualityAnalysis

/// The `score` summary: the file, `Dset`, the Q distribution, sanity counts, how well each
/// score predicts the probe's mistakes, the lowest-Q samples and the warnings.
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
        "  misclassification prediction: probe accuracy \(Format.percent(m.accuracy)) "
          + "(\(m.correctCount) of \(m.samples); the base rate of AUPRC-correct)")
      lines.append("    score   AUPRC-correct  AUPRC-misclassified   AUROC")
      for score in m.scores {
        lines.append(
          "    " + score.name.padding(toLength: 8, withPad: " ", startingAt: 0)
            + Format.percent(score.metrics.auprcCorrect).leftPadded(13) + Format.percent(score.metrics.auprcMisclassified).leftPadded(21)
            + Format.percent(score.metrics.auroc).leftPadded(8))
      }
    }
    if let lowest = r.lowest {
      let ties = outcome.q.count { $0 == 0 }, shown = lowest.count
      lines.append("  lowest Q: \(shown) of \(r.finiteSamples) samples\(ties > shown ? " (\(ties) tie at Q = 0; shown in row order)" : "")")
      lines.append("    " + ["id", "label", "pred", "q", "|L_i|", "|L_i ∩ Dset|"].joined(separator: "  "))
      for entry in lowest {
        let label = entry.label.map(String.init) ?? "-", prediction = entry.prediction.map(String.init) ?? "-"
        lines.append("    \(entry.id)  \(label)  \(prediction)  \(Format.number(entry.q))  \(entry.active)  \(entry.activeInDset)")
      }
    }
    lines += r.warnings.map(\.line)
    return lines.joined(separator: "\n")
  }
}

extension String {
  /// The string right-aligned in `width` columns.
  func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
