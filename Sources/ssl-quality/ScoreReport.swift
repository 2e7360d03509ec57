// ssl-quality · ScoreReport.swift — the `score` result as JSON and as a summary.

import SSLQuality
import SSLQualityIO

/// Everything `score` reports, rendered in the documented JSON schema or for a terminal.
struct ScoreReport {
  var source: String
  var profile: ActivationProfile
  var discriminative: DiscriminativeFeatures
  var normalization: QScoreNormalization
  var discriminativeFrom: String?
  var dsetSource: DiscriminativeSource
  var q: QScores
  var misclassification: MisclassificationReport?
  var warnings: [AnalysisWarning]
  /// The `--lowest` rows, lowest Q first, and the table they are read from.
  var lowest: [Int]?
  var table: SampleTable?
  /// The protocol of the probe fitted with --train, its knobs and how the fit ended.
  var probe: JSONValue?
  var seconds: Double

  var summaryStatistics: Summary { Summary(q.values) }

  var json: JSONValue {
    let s = summaryStatistics
    let sanity = profile.sanity
    var fields: [(String, JSONValue)] = [
      ("samples", .integer(profile.samples)), ("features", .integer(profile.features)),
      ("epsilon", .number(profile.epsilon)),
      ("band", .array([.number(discriminative.band.lowerBound), .number(discriminative.band.upperBound)])),
      ("normalize", .string(normalization.rawValue)),
      ("discriminative_from", discriminativeFrom.map(JSONValue.string) ?? .null), ("dset_source", dsetSource.json),
      ("thresholds", discriminative.thresholds.map { .array([.number($0.low), .number($0.high)]) } ?? .null),
      ("discriminative_count", .integer(discriminative.count)), ("empty_count", .integer(q.emptyCount)),
      ("q", .object([("mean", .number(s.mean)), ("std", .number(s.std)), ("min", .number(s.min)), ("median", .number(s.median)), ("max", .number(s.max))])),
      ("sanity", .object([
        ("nan_rows", .integer(sanity.nonFiniteRows)), ("first_nan_rows", .array(sanity.firstNonFiniteRows.map(JSONValue.integer))),
        ("zero_rows", .integer(sanity.zeroRows)), ("constant_columns", .integer(sanity.constantColumns)),
        ("negative_share", .number(sanity.negativeShare)),
      ])),
    ]
    if let misclassification {
      fields.append(
        ("misclassification", .object([
          ("accuracy", .number(misclassification.accuracy)), ("samples", .integer(misclassification.samples)),
          ("scores", .object(misclassification.scores.map { metrics in
            (metrics.name, .object([
              ("auprc_correct", .number(metrics.auprcCorrect)), ("auprc_misclassified", .number(metrics.auprcMisclassified)),
              ("auroc", .number(metrics.auroc)),
            ]))
          })),
          ("probe", probe ?? .null),
        ])))
    }
    fields.append(("warnings", .array(warnings.map(\.json))))
    if let lowest, let table { fields.append(("lowest", .array(lowest.map { table.json($0, q: q.values[$0]) }))) }
    fields.append(("seconds", .number(seconds)))
    return .object(fields)
  }

  var summary: String {
    let s = summaryStatistics
    var lines = ["\(source): \(profile.samples) samples × \(profile.features) features"]
    var dset = "  ε \(Format.number(profile.epsilon)), band \(Format.number(discriminative.band.lowerBound)):\(Format.number(discriminative.band.upperBound))"
    dset += ": |Dset| = \(discriminative.count)"
    if let t = discriminative.thresholds { dset += " (A_j in [\(Format.number(t.low)), \(Format.number(t.high))])" }
    lines.append(dset)
    lines.append("  \(dsetSource.text)")
    lines.append(
      "  Q-Score\(normalization == .zscore ? " (z-scored)" : ""): mean \(Format.number(s.mean))  std \(Format.number(s.std))  min \(Format.number(s.min))"
        + "  median \(Format.number(s.median))  max \(Format.number(s.max))")
    lines.append("  \(q.emptyCount) of \(profile.finiteSamples) samples have no highly-active discriminative feature (Q = 0)")
    let sanity = profile.sanity
    lines.append(
      "  sanity: \(sanity.nonFiniteRows) NaN/Inf rows, \(sanity.zeroRows) zero rows, \(sanity.constantColumns) constant columns, "
        + "\(Format.percent(sanity.negativeShare)) negative entries")
    if let misclassification {
      lines.append(
        "  misclassification prediction: probe accuracy \(Format.percent(misclassification.accuracy)) "
          + "(\(misclassification.correctCount) of \(misclassification.samples); the base rate of AUPRC-correct)")
      lines.append("    score   AUPRC-correct  AUPRC-misclassified   AUROC")
      for m in misclassification.scores {
        lines.append(
          "    " + m.name.padding(toLength: 8, withPad: " ", startingAt: 0)
            + Format.percent(m.auprcCorrect).leftPadded(13) + Format.percent(m.auprcMisclassified).leftPadded(21)
            + Format.percent(m.auroc).leftPadded(8))
      }
    }
    if let lowest, let table {
      let ties = q.values.count { $0 == 0 }, shown = lowest.count
      lines.append("  lowest Q: \(shown) of \(profile.finiteSamples) samples\(ties > shown ? " (\(ties) tie at Q = 0; shown in row order)" : "")")
      lines.append("    " + ["id", "label", "pred", "q", "|L_i|", "|L_i ∩ Dset|"].joined(separator: "  "))
      for index in lowest {
        let cells = table.cells(index)
        lines.append("    \(cells[0])  \(cells[1].isEmpty ? "-" : cells[1])  \(cells[2].isEmpty ? "-" : cells[2])  \(Format.number(q.values[index]))  \(cells[9])  \(cells[10])")
      }
    }
    lines += warnings.map(\.line)
    return lines.joined(separator: "\n")
  }
}

extension String {
  /// The string right-aligned in `width` columns.
  func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
