// ssl-quality · Format.swift — numbers in human-readable summaries and warnings.

import Foundation

/// Number formatting for summaries (JSON output keeps full precision).
public enum Format {
  /// Up to 6 significant digits.
  public static func number(_ value: Double) -> String { String(format: "%.6g", value) }

  /// A share in [0, 1] as a percentage with two decimals.
  public static func percent(_ share: Double) -> String { String(format: "%.2f%%", share * 100) }

  /// A count with its noun, plural unless the count is 1 ("1 table", "3 figures").
  public static func count(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}

/// Byte counts in decimal units.
public enum ByteCountText {
  public static func format(_ bytes: Int) -> String {
    let units = ["B", "kB", "MB", "GB", "TB"]
    var value = Double(bytes), unit = 0
    while value >= 1000, unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    return unit == 0 ? "\(bytes) B" : String(format: "%.2f %@", value, units[unit])
  }
}
