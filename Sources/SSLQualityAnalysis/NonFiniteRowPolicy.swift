// ssl-quality · NonFiniteRowPolicy+Paired.swift — the NaN/Inf rule for matrices of the same samples, row for row.

import SSLQuality

extension NonFiniteRowPolicy {
  /// The one rule applied to matrices whose row `i` is the same sample (two views, several
  /// representations): each file's rows holding NaN or ±∞ are reported — or refused under
  /// `strict` — as for a single file, naming that file, and the rows offending in any file
  /// are left out of all of them, so the matrices stay paired row for row.
  ///
  /// - Parameter found: each file's name and its offending rows (of the same row count).
  /// - Returns: the rows to leave out of every matrix.
  /// - Throws: ``InputError`` naming the first file with such rows, under `strict`.
  public func leaveOut(paired found: [(name: String, rows: NonFiniteRows)]) throws -> NonFiniteRows {
    precondition(!found.isEmpty, "no matrices")
    for (name, rows) in found { try leaveOut(rows, of: name) }
    return found.dropFirst().reduce(found[0].rows) { $0.union($1.rows) }
  }
}
