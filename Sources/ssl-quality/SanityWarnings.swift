// ssl-quality · SanityWarnings.swift — what the sanity checks say before scoring.

import SSLQuality
import SSLQualityIO

/// Warnings from the sanity checks run before scoring.
enum SanityWarnings {
  /// Share of negative entries above which the post-ReLU assumption is doubtful.
  static let negativeShareLimit = 0.01

  /// Warnings besides the NaN/Inf rows (``MatrixStatistics/leaveOutNonFinite(of:strict:)``).
  static func messages(_ stats: MatrixStatistics) -> [String] {
    var messages: [String] = []
    if stats.zeroRows > 0 { messages.append("\(stats.zeroRows) rows are all zero (their Q-Score is 0)") }
    if stats.negativeShare > negativeShareLimit {
      messages.append(
        "\(Format.percent(stats.negativeShare)) of entries are negative; Q-Score assumes post-ReLU (non-negative) features")
    }
    return messages
  }
}

extension MatrixStatistics {
  /// Rows holding NaN or Inf, as every command treats them: refused with `--strict`,
  /// otherwise a warning naming the file, the count and the first rows (the rows are left
  /// out of the pass that counted them).
  ///
  /// - Throws: ``InputError`` naming `name` under `strict` when there are such rows.
  func leaveOutNonFinite(of name: String, strict: Bool) throws {
    guard nonFiniteRows > 0 else { return }
    let rows = "\(nonFiniteRows) row\(nonFiniteRows == 1 ? "" : "s") \(nonFiniteRows == 1 ? "holds" : "hold") NaN or Inf (first: \(firstNonFiniteRows.map(String.init).joined(separator: ", ")))"
    if strict { throw InputError(name, "\(rows); --strict rejects them") }
    StandardError.write("ssl-quality: warning: \(InputError.escaped(name)): \(rows); they are left out\n")
  }
}
