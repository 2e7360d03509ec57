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
      if let test = entry.probeAccuracyVsBaseline { lines.append("    " + PairedText.comparisonAccuracy(test, baseline: paired.baseline)) }
      if let test = entry.qAurocVsBaseline { lines.append("    " + PairedText.comparisonAuroc(test, baseline: paired.baseline)) }
    }
    return lines
  }
}
