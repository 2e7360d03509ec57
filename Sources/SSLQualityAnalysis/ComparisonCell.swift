// ssl-quality · ComparisonCell.swift — a comparison value as a table shows it.

import Foundation

/// A value of a comparison column as text: accuracies and shares as percentages, counts
/// as integers, `–` when undefined.
public enum ComparisonCell {
  public static func text(_ value: Double?, key: String) -> String {
    guard let value, !value.isNaN else { return "–" }
    switch key {
    case "knn_accuracy", "probe_accuracy", "q_auroc", "q_auprc_correct", "empty_share": return Format.percent(value)
    case "discriminative_count": return String(Int(value))
    default: return String(format: "%.4g", value)
    }
  }
}
