// ssl-quality · ComparisonCell.swift — a comparison value as a table shows it.

import Foundation

/// A value of a comparison column as text: shares (accuracies, AUROC, AUPRC) as
/// percentages, counts as integers, other numbers with 4 significant digits, `–` when
/// undefined.
public enum ComparisonCell {
  public static func text(_ value: Double?, column: ComparisonColumn) -> String {
    guard let value, !value.isNaN else { return "–" }
    switch column.display {
    case .share: return Format.percent(value)
    case .count: return String(Int(value))
    case .number: return String(format: "%.4g", value)
    }
  }
}
