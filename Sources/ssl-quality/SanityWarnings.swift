// ssl-quality · SanityWarnings.swift — what the sanity checks say before scoring.

import SSLQuality

/// Warnings from the sanity checks of SPEC §2.
enum SanityWarnings {
  /// Share of negative entries above which the post-ReLU assumption is doubtful.
  static let negativeShareLimit = 0.01

  static func messages(_ stats: MatrixStatistics) -> [String] {
    var messages: [String] = []
    if stats.nonFiniteRows > 0 {
      messages.append(
        "\(stats.nonFiniteRows) rows hold NaN or Inf and are excluded (scored NaN); first: "
          + stats.firstNonFiniteRows.map(String.init).joined(separator: ", "))
    }
    if stats.zeroRows > 0 { messages.append("\(stats.zeroRows) rows are all zero (their Q-Score is 0)") }
    if stats.negativeShare > negativeShareLimit {
      messages.append(
        "\(Format.percent(stats.negativeShare)) of entries are negative; Q-Score assumes post-ReLU (non-negative) features")
    }
    return messages
  }
}
