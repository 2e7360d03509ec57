// ssl-quality · PairedText.swift — intervals, p-values and paired differences in summaries.

import Foundation
import SSLQuality
import SSLQualityAnalysis

/// How summaries print intervals and paired tests: the confidence and the method named
/// next to every interval.
enum PairedText {
  /// `p < 0.001` below one in a thousand, else `p = 0.034` (three decimals); `p undefined`
  /// when there is none.
  static func pValue(_ p: Double) -> String {
    guard p.isFinite else { return "p undefined" }
    return p < 0.001 ? "p < 0.001" : "p = " + String(format: "%.3f", p)
  }

  /// The method's display name.
  static func method(_ interval: IntervalJSON) -> String {
    switch interval.method {
    case "wilson": "Wilson"
    case "delong": "DeLong"
    case "mcnemar": "McNemar"
    default: interval.method
    }
  }

  /// `95% CI 84.21–88.50%, Wilson` for an interval of a share.
  static func shareInterval(_ interval: IntervalJSON) -> String {
    "\(confidence(interval)) \(String(format: "%.2f", interval.lower * 100))–\(Format.percent(interval.upper)), \(method(interval))"
  }

  /// `95% CI 0.581–0.642, DeLong` for an interval of an AUROC.
  static func aurocInterval(_ interval: IntervalJSON) -> String {
    "\(confidence(interval)) \(String(format: "%.3f", interval.lower))–\(String(format: "%.3f", interval.upper)), \(method(interval))"
  }

  /// An accuracy and its interval: `86.50% (95% CI 84.21–88.50%, Wilson)`.
  static func accuracy(_ value: Double, _ interval: IntervalJSON?) -> String {
    Format.percent(value) + (interval.map { " (\(shareInterval($0)))" } ?? "")
  }

  /// `-5.60 points (95% CI -7.40 to -3.80, McNemar p < 0.001)`: first minus second.
  static func points(_ test: McNemarJSON) -> String {
    let i = test.interval
    return String(format: "%+.2f points (", test.difference * 100) + confidence(i)
      + String(format: " %+.2f to %+.2f, ", i.lower * 100, i.upper * 100) + "McNemar " + pValue(test.pValue) + ")"
  }

  /// `95% CI` (or the interval's own confidence).
  private static func confidence(_ interval: IntervalJSON) -> String { Format.number(interval.confidence * 100) + "% CI" }
}
