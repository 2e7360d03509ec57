// ssl-quality · PairedText.swift — intervals, p-values and paired differences in summaries.

import Foundation
import SSLQuality

/// How summaries print intervals and paired tests: the confidence and the method named
/// next to every interval; and the verdicts' words, chosen by the tests' outcomes
/// (``McNemarTest/direction(level:)``: a difference only at p < 0.05).
public enum PairedText {
  /// `p < 0.001` below one in a thousand, else `p = 0.034` (three decimals); `p undefined`
  /// when there is none.
  public static func pValue(_ p: Double) -> String {
    guard p.isFinite else { return "p undefined" }
    return p < 0.001 ? "p < 0.001" : "p = " + String(format: "%.3f", p)
  }

  /// `95% CI 84.21%–88.50%, Wilson` for an interval of a share.
  public static func shareInterval(_ interval: IntervalJSON) -> String { interval.text(Format.percent) }

  /// `95% CI 0.5812–0.6420, DeLong` for an interval of an AUROC.
  public static func aurocInterval(_ interval: IntervalJSON) -> String { interval.text { String(format: "%.4f", $0) } }

  /// An accuracy and its interval: `86.50% (95% CI 84.21–88.50%, Wilson)`.
  public static func accuracy(_ value: Double, _ interval: IntervalJSON?) -> String {
    Format.percent(value) + (interval.map { " (\(shareInterval($0)))" } ?? "")
  }

  /// `-5.60 points (95% CI -7.40 to -3.80, McNemar p < 0.001)`: first minus second.
  public static func points(_ test: McNemarJSON) -> String {
    let i = test.interval
    return String(format: "%+.2f points (", test.difference * 100) + confidence(i)
      + String(format: " %+.2f to %+.2f, ", i.lower * 100, i.upper * 100) + "McNemar " + pValue(test.pValue) + ")"
  }

  /// `95% CI` (or the interval's own confidence).
  private static func confidence(_ interval: IntervalJSON) -> String { Format.number(interval.confidence * 100) + "% CI" }

  // MARK: - Verdicts

  /// The kept features (first) against all features (second) on the same test samples.
  public static func keptAgainstFull(_ test: McNemarJSON) -> String {
    let words: String =
      switch test.direction {
      case .noClearDifference: "within the test sampling error (no clear difference at 5%)"
      case .secondBetter: "a loss larger than the test sampling error"
      case .firstBetter: "a gain larger than the test sampling error"
      }
    return points(test) + ": " + words
  }

  /// The discriminative ranking against each random seed's probe on the same test samples.
  public static func compressionSampling(_ v: CompressResult.Verdict) -> String {
    let tests = v.againstRandom.map { String(format: "%+.2f", $0.difference * 100) + " (" + pValue($0.pValue) + ")" }
    let each = "McNemar against each random seed on the same test samples: " + tests.joined(separator: ", ") + " points"
    switch v.samplingOutcome {
    case .noRandomRankings: return "no random ranking was fitted (--seeds 0), so there is nothing to compare with"
    case .aboveRandom: return each + "; above random at 5% against every seed"
    case .belowRandom: return each + "; below random at 5% against every seed"
    case .withinSamplingError: return each + "; within the test sampling error (p ≥ 0.05, or the sign differs, for at least one seed)"
    }
  }

  /// `with R against the control: -5.60 points probe accuracy (95% CI -7.40 to -3.80,
  /// McNemar p < 0.001), a cost beyond the test sampling error; empty share 22.60% → 0.80%`.
  public static func finetune(_ v: FinetuneVerdict, run: String, reference: String) -> String {
    var text = "\(run) against \(reference): "
    if let test = v.probeAccuracy {
      let words: String =
        switch test.direction {
        case .firstBetter: "a gain beyond the test sampling error"
        case .secondBetter: "a cost beyond the test sampling error"
        case .noClearDifference: "no clear difference at 5%"
        }
      text += points(test).replacingOccurrences(of: " points (", with: " points probe accuracy (") + ", " + words
    } else {
      text += "probe accuracy not measured (no evaluation labels)"
    }
    return text + "; empty share \(Format.percent(v.referenceEmptyShare)) → \(Format.percent(v.emptyShare))"
  }

  /// A representation's probe (first) against the baseline's (second).
  public static func comparisonAccuracy(_ test: McNemarJSON, baseline: String) -> String {
    let words: String =
      switch test.direction {
      case .firstBetter: "more accurate than \(baseline) beyond the test sampling error"
      case .secondBetter: "less accurate than \(baseline) beyond the test sampling error"
      case .noClearDifference: "no clear difference at 5%"
      }
    return "linear acc. vs \(baseline): " + points(test) + ", " + words
  }

  /// A representation's Q (first) against the baseline's (second) on the samples both
  /// probes judge alike.
  public static func comparisonAuroc(_ test: PairedDeLongJSON, baseline: String) -> String {
    let words =
      !(test.pValue < McNemarTest.level) ? "no clear difference at 5%" : test.difference > 0 ? "ranks mistakes better" : "ranks mistakes worse"
    let i = test.interval
    return "Q AUROC vs \(baseline) on the \(test.samples) samples both probes judge alike: "
      + String(format: "%.4f vs %.4f, %+.4f (", test.firstAuroc, test.secondAuroc, test.difference) + confidence(i)
      + String(format: " %+.4f to %+.4f, paired DeLong ", i.lower, i.upper) + pValue(test.pValue) + "), " + words
  }
}
