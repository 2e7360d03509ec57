// ssl-quality · ActivationPass.swift — the one pass of features and score, with its sanity checks.

import SSLQuality
import SSLQualityIO

/// The pass behind `features`, `score` and `Dset` fitting: ``ActivationProfile`` of a
/// matrix, rows holding NaN or ±∞ left out with a notice (or refused under `strict`), and
/// the sanity notices (all-zero rows, negative entries).
public enum ActivationPass {
  /// The pass over a stored matrix, named by its file.
  public static func run(
    _ source: StoredMatrix, epsilon: Double, extremes: Bool, strict: Bool, context: ExecutionContext, notices: NoticeSink
  ) throws -> ActivationProfile {
    try run(source, name: source.array.name, epsilon: epsilon, extremes: extremes, strict: strict, context: context, notices: notices)
  }

  /// The pass over any rows; `name` names them in progress, notices and errors. With
  /// `extremes`, it also finds what needs each row's largest entry (``ActivationProfile/maxZ``).
  ///
  /// - Throws: ``InputError`` naming `name` when `strict` and some row holds NaN or ±∞.
  public static func run(
    _ source: some RowSource, name: String, epsilon: Double, extremes: Bool, strict: Bool, context: ExecutionContext,
    notices: NoticeSink
  ) throws -> ActivationProfile {
    let profile = ActivationProfile.measure(source, epsilon: epsilon, name: name, extremes: extremes, context: context)
    context.report(.finished)
    let sanity = profile.sanity
    try NonFiniteRowPolicy(strict: strict, notices: notices).leaveOut(
      source: name, count: sanity.nonFiniteRows, first: sanity.firstNonFiniteRows)
    AnalysisNotice.sanity(zeroRows: sanity.zeroRows, negativeShare: sanity.negativeShare, of: name).forEach(notices.send)
    return profile
  }
}

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
