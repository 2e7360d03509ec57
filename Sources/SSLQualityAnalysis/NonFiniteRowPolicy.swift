// ssl-quality · NonFiniteRowPolicy.swift — the one rule for rows holding NaN or ±∞: left out with a notice, or refused.

import SSLQuality
import SSLQualityIO

/// How every analysis treats rows holding NaN or ±∞: refused under `strict`, otherwise
/// left out with a ``AnalysisNotice/nonFiniteRowsLeftOut(source:count:first:)`` notice.
public struct NonFiniteRowPolicy: Sendable {
  public var strict: Bool
  public var notices: NoticeSink

  public init(strict: Bool, notices: NoticeSink) {
    self.strict = strict
    self.notices = notices
  }

  /// Applies the policy to `count` such rows of `source` (`first`: the first few, when known).
  ///
  /// - Throws: ``InputError`` naming `source` when `strict` and `count > 0`.
  public func leaveOut(source: String, count: Int, first: [Int]?) throws {
    guard count > 0 else { return }
    if strict { throw InputError(source, "\(NonFiniteRowCount(count: count, first: first)); --strict rejects them") }
    notices.send(.nonFiniteRowsLeftOut(source: source, count: count, first: first))
  }

  /// The same for rows found by ``NonFiniteRows``.
  public func leaveOut(_ rows: NonFiniteRows, of source: String) throws {
    try leaveOut(source: source, count: rows.count, first: rows.first)
  }
}

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
