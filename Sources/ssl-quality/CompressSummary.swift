// ssl-quality · CompressSummary.swift — the `compress` results for a terminal, and the curve as CSV.

import SSLQuality
import SSLQualityAnalysis
import SSLQualityIO

/// The `compress` and `compress --keep` summaries and the `--csv` table.
enum CompressSummary {
  static func csv(_ r: CompressResult) -> String {
    CSVWriter.render(
      header: ["fraction", "kept", "discriminative", "random_mean", "random_std", "variance"],
      rows: r.curve.map { ["\($0.fraction)", "\($0.kept)", "\($0.discriminative)", "\($0.randomMean)", "\($0.randomStd)", "\($0.variance)"] })
  }

  static func sweep(_ r: CompressResult) -> String {
    var lines = [
      "full representation: accuracy \(PairedText.accuracy(r.fullAccuracy, r.fullAccuracyInterval)) on \(r.testSamples) test samples; "
        + "|Dset| = \(r.provenance.discriminativeCount); \(r.provenance.dsetSource.text)",
      "  fraction   kept  discriminative  95% CI (Wilson)  vs all (McNemar p)  random (mean ± std)  variance",
    ]
    for p in r.curve {
      let interval = p.discriminativeInterval.map { String(format: "%.2f–%.2f%%", $0.lower * 100, $0.upper * 100) } ?? "–"
      let paired = p.discriminativeVsFull.map { String(format: "%+.2f", $0.difference * 100) + " (" + PairedText.pValue($0.pValue) + ")" } ?? "–"
      lines.append(
        "  " + String(format: "%8.2f", p.fraction) + String(format: "%7d", p.kept) + Format.percent(p.discriminative).leftPadded(16)
          + interval.leftPadded(17) + paired.leftPadded(20)
          + (Format.percent(p.randomMean) + " ± " + Format.percent(p.randomStd)).leftPadded(21) + Format.percent(p.variance).leftPadded(10))
    }
    lines.append("  vs all: the kept features' accuracy minus all features', in points, on the same test samples")
    let compressible = r.curve.first { $0.fraction == r.compressibleFraction }
    if let c = compressible, c.fraction == 1 {
      lines.append("only the full set (fraction 1) stays within 1 point of the full representation: not compressible at these fractions")
    } else if let c = compressible, let v = r.verdict {
      lines.append(
        "compressible by \(Format.percent(1 - c.fraction)): keeping \(c.kept) features (\(Format.percent(c.fraction))) stays within 1 point "
          + "(\(Format.percent(c.discriminative)))")
      if let full = v.againstFull { lines.append("  against all features: " + PairedText.keptAgainstFull(full)) }
      lines.append("  against random features of that size: " + verdictText(v))
      lines.append("  against the test sampling error: " + PairedText.compressionSampling(v))
    } else {
      lines.append("no kept fraction stays within 1 point of the full representation")
    }
    lines += r.provenance.warnings.map(\.line)
    return lines.joined(separator: "\n")
  }

  /// The gap and how it compares with the random spread, in words.
  static func verdictText(_ v: CompressResult.Verdict) -> String {
    let gap = String(format: "%+.2f points", v.gap * 100)
    let random = "\(Format.percent(v.randomMean)) ± \(Format.percent(v.randomStd)) over \(v.seeds) seed\(v.seeds == 1 ? "" : "s")"
    switch v.outcome {
    case .noRandomSpread:
      return "\(gap) (random \(random)); too few seeds to measure the random spread, so this gap cannot be judged (use --seeds 3 or more)"
    case .withinRandomSpread:
      let z = v.standardDeviations.map { String(format: " (%.1f std)", $0) } ?? ""
      return "\(gap) (random \(random))\(z): within two standard deviations of the random rankings, not a measurable advantage"
    case .aboveRandom, .belowRandom:
      let z = v.standardDeviations.map { String(format: "%.1f", abs($0)) + " std" } ?? "random std 0"
      return "\(gap) (random \(random)): \(z) \(v.outcome == .aboveRandom ? "above" : "below") the random rankings"
    }
  }

  static func keep(_ r: KeepResult) -> String {
    let k = r.keep
    return ([
      "kept \(k.kept) of \(k.features) features (fraction \(Format.number(k.fraction)), discriminative ranking; |Dset| = \(r.provenance.discriminativeCount); \(r.provenance.dsetSource.text))",
      "  test accuracy \(PairedText.accuracy(k.accuracy, k.accuracyInterval)) (all \(k.features) features: "
        + "\(PairedText.accuracy(r.fullAccuracy, r.fullAccuracyInterval)))",
    ] + (k.againstFull.map { ["  against all features: " + PairedText.keptAgainstFull($0)] } ?? []) + [
      "  wrote " + k.files.joined(separator: ", "),
    ] + r.provenance.warnings.map(\.line)).joined(separator: "\n")
  }
}
