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
