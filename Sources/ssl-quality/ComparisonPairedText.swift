// ssl-quality · ComparisonPairedText.swift — `compare`'s paired tests for a terminal.

import Foundation
import SSLQualityAnalysis

/// The paired part of a comparison, printed after the table: per representation its
/// intervals and, but for the baseline, its tests against the baseline in words.
enum ComparisonPairedText {
  static func lines(_ paired: ComparisonPairedTests) -> [String] {
    var lines = ["paired tests against \(paired.baseline) on the same \(paired.samples) test samples (95% CIs; differences are row − \(paired.baseline)):"]
    for entry in paired.representations {
      var figures: [String] = []
      if let value = entry.probeAccuracy { figures.append("linear acc. " + PairedText.accuracy(value, entry.probeAccuracyInterval)) }
      if let value = entry.knnAccuracy { figures.append("kNN acc. " + PairedText.accuracy(value, entry.knnAccuracyInterval)) }
      if let value = entry.qAuroc {
        figures.append("Q AUROC " + String(format: "%.4f", value) + (entry.qAurocInterval.map { " (\(PairedText.aurocInterval($0)))" } ?? ""))
      }
      lines.append("  \(entry.name): " + figures.joined(separator: "; "))
      if let test = entry.probeAccuracyVsBaseline {
        let words: String =
          switch test.direction {
          case .firstBetter: "more accurate than \(paired.baseline) beyond the test sampling error"
          case .secondBetter: "less accurate than \(paired.baseline) beyond the test sampling error"
          case .noClearDifference: "no clear difference at 5%"
          }
        lines.append("    linear acc. vs \(paired.baseline): " + PairedText.points(test) + ", " + words)
      }
      if let test = entry.qAurocVsBaseline {
        let words = !(test.pValue < 0.05) ? "no clear difference at 5%" : test.difference > 0 ? "ranks mistakes better" : "ranks mistakes worse"
        lines.append(
          "    Q AUROC vs \(paired.baseline) on the \(test.samples) samples both probes judge alike: "
            + String(format: "%.4f vs %.4f, %+.4f (", test.firstAuroc, test.secondAuroc, test.difference)
            + PairedText.aurocInterval(test.interval).replacingOccurrences(of: "–", with: " to ").replacingOccurrences(of: ", DeLong", with: "")
            + ", paired DeLong " + PairedText.pValue(test.pValue) + "), " + words)
      }
    }
    return lines
  }
}
